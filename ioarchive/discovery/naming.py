r"""The archive's file-name grammar: what a file is, from its path alone.

[`classify`][ioarchive.discovery.classify] reads a path and returns a
[`FileInfo`][ioarchive.discovery.FileInfo]: the campaign, the kind of file,
hashed or not, the part label with a key that sorts parts in order, and the compression. It is
pure string work: no file is opened.

Paths it takes:

- bucket paths and local paths: ``hashed/2020_12/iran_202012/iran_202012_tweets_csv_hashed.csv``
  (Windows ``\`` separators too);
- URLs: ``s3://bucket/...``, ``gs://...``, ``https://host/...`` (query and fragment dropped,
  percent-escapes decoded);
- browser-flattened download names:
  ``hashed_2020_12_iran_202012_iran_202012_tweets_csv_hashed.csv``, and a browser's duplicate
  mark ``name (1).csv``;
- zip members, written as the zip's path followed by the member's path,
  ``archive.zip/inner/folder/file.csv``; also ``archive.zip:inner/file.csv`` and fsspec's
  chained form ``zip://inner/file.csv::s3://bucket/archive.zip``.

The grammar, applied to the file name without its extensions (case-insensitive):

1. A flattened prefix, ``hashed_`` or ``unhashed_`` and/or a release folder ``YYYY_MM_``, is
   taken off; it says hashed or not and the release. What is left starts with the bucket
   folder (the campaign) and then the file's own name.
2. A data file (``.csv``, ``.csv.gz``, ``.gz``, ``.zip``) is split by its data marker:
   ``tweets`` or ``users``, then optionally ``_csv``, then optionally ``_hashed`` /
   ``_unhashed``. Everything before the marker is the campaign; a part label may follow the
   marker, either at the end (``<c>_tweets_csv_hashed_1``) or right after the kind
   (``<c>_tweets_1_csv_hashed``). Part labels have five styles (``_1``, ``_part1``, ``_01``,
   ``_2016_06`` / ``_2019``, ``_2_a``). **So a trailing number before the marker is a set
   number, part of the campaign id (``iran_201901_1``, ``china_082019_3``); one after it is a
   part.** A data file whose own name has no part takes the part of the zip file or folder it
   sits in (``<c>_tweets_csv_hashed.csv`` inside ``<c>_tweets_csv_hashed_1.zip`` is part
   ``_1``).
3. The campaign is looked up among the 48 known releases, case-insensitively, and returned in
   its canonical spelling (``gru_202012`` → ``GRU_202012``). The known list also settles the
   irregular names: ``russian_linked`` → ``russia_201901_1``, ``bangladesh_linked`` →
   ``bangladesh_201901_1``, ``venezuela_linked`` → ``venezuela_201901_2``, ``032020`` →
   ``ghana_nigeria_032020``; a name without its set number (``ecuador_082019``) is the
   campaign ``<name>_1`` when that is the only known set of that name (``china_082019`` has
   three sets, so it stays unknown unless a folder in the path names the set). In a flattened
   name the doubled campaign (folder, then file) is written once, and the file's own campaign
   is preferred. A campaign not in the list is kept as written, with ``known=False``. A data
   file with no campaign in its name (``tweets_csv_hashed.csv``) takes its nearest folder or
   zip that names one.
4. Hashed or not comes from the name's ``_hashed`` / ``_unhashed`` marker, else from a
   flattened prefix, else from the nearest folder or zip that says it (``hashed/``,
   ``unhashed/``, ``..._csv_hashed.zip``); else it is None (Dec 2021 ``<C>_users.csv``).
5. Not data: readmes (``..._README.txt``), media file lists (``<c>_media_file_list_hashed.txt``)
   and media (``ira_tweet_media_hashed_<N>.zip``, anything inside a ``<c>_tweet_media_hashed``
   folder, images and videos). Any other file is ``other``.

Examples:
    >>> info = classify("hashed/2019_08/china_082019_3/china_082019_3_tweets_csv_hashed_part2.csv")
    >>> info.campaign, info.kind.value, info.hashed, info.part, info.release_folder
    ('china_082019_3', 'tweets', True, '_part2', '2019_08')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from ioarchive.discovery._grammar import (
    ARCHIVE_KINDS,
    DATA_KINDS,
    Parsed,
    is_set_of,
    parse_component,
    split_extension,
)
from ioarchive.schema import FileKind

__all__ = ["FileInfo", "PartKey", "classify", "part_key", "sort_key"]

PartKey = tuple[tuple[int, int | str], ...]
"""Sort key of a part label: numbers compare as numbers, words after numbers; ``()`` first."""

_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_BARE_PROTOCOL = re.compile(r"[a-z][a-z0-9+.\-]*", re.IGNORECASE)
_QUERY = re.compile(r"[?#]")
_ZIP_COLON = re.compile(r"\.zip:(?!//)", re.IGNORECASE)

_PART_TOKEN = re.compile(r"\d+|[a-z]+")
_COMPRESSION = {"gz": "gzip", "gzip": "gzip", "zip": "zip", "bz2": "bz2", "xz": "xz", "zst": "zstd"}


@dataclass(frozen=True)
class FileInfo:
    """What a file's path says about it.

    Attributes:
        path: The path as given.
        name: The file name: the last component, without a URL's query; for a zip member, the
            member's own name.
        campaign: The campaign id, in the known spelling when known (``GRU_202012``), else as
            written; None when the path names none (and for ``other`` files).
        known: Whether the campaign is one of the 48 known releases.
        kind: What the file holds.
        hashed: True for the hashed copy, False for unhashed, None when the path does not say.
        part: The part label as written (``_2``, ``_part1``, ``_2016_06``; for media archives
            their number, ``_001``), or None.
        part_key: [`part_key`][ioarchive.discovery.part_key] of ``part``: sorts parts in order, no
            part first.
        compression: The file's own compression or container, from its last extension:
            ``"gzip"``, ``"zip"``, ``"bz2"``, ``"xz"``, ``"zstd"``, or None.
        release_folder: The ``YYYY_MM`` release folder when the path shows it, else None.

    Examples:
        >>> info = classify("unhashed/2019_08/x/ecuador_082019_users_csv_unhashed.csv.gz")
        >>> info.campaign, info.known, info.kind, info.hashed, info.compression
        ('ecuador_082019_1', True, <FileKind.USERS: 'users'>, False, 'gzip')
    """

    path: str
    name: str
    campaign: str | None
    known: bool
    kind: FileKind
    hashed: bool | None
    part: str | None
    part_key: PartKey
    compression: str | None
    release_folder: str | None


def part_key(part: str | None) -> PartKey:
    """Return the sort key of a part label.

    The label is read as a run of numbers and words; numbers compare as numbers (``_2`` before
    ``_10``, ``_01`` like ``_1``), a word after a number sorts after the number alone
    (``_2`` before ``_2_a`` before ``_2_b``), the word ``part`` is ignored (``_part2`` is
    ``_2``), and no part sorts first.

    Args:
        part: A label such as ``_10``, ``_part2``, ``_2016_06`` or ``_2_b``; None for none.

    Returns:
        A tuple of ``(0, number)`` and ``(1, word)`` pairs; ``()`` for no part.

    Examples:
        >>> sorted(["_10", "_2", "_1"], key=part_key)
        ['_1', '_2', '_10']
        >>> sorted(["_2017", "_2016_06", "_2015", "_2016_01"], key=part_key)
        ['_2015', '_2016_01', '_2016_06', '_2017']
        >>> part_key("_part3"), part_key(None)
        (((0, 3),), ())
    """
    if not part:
        return ()
    tokens = _PART_TOKEN.findall(part.lower())
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in tokens if t != "part")


def sort_key(info: FileInfo) -> tuple[str, bool, str, PartKey]:
    """Return where a file stands in part order: the one rule for ordering a campaign's parts.

    Files sort by campaign, then the hashed copy before the unhashed one, then kind, then
    part label ([`part_key`][ioarchive.discovery.naming.part_key]). Discovery and
    [`scan_tweets`][ioarchive.scan.scan_tweets] both order parts by it.

    Args:
        info: What the file's path says ([`classify`][ioarchive.discovery.classify]).

    Returns:
        A sortable tuple.

    Examples:
        >>> names = ["hashed_2020_12_x_202012_x_202012_tweets_csv_hashed_2.csv",
        ...          "x_202012_tweets_csv_hashed_1.csv"]
        >>> [n[-6:] for n in sorted(names, key=lambda n: sort_key(classify(n)))]
        ['_1.csv', '_2.csv']
    """
    return (info.campaign or "", info.hashed is False, str(info.kind), info.part_key)


def _components(path: str) -> list[str]:
    """Split a path, URL, zip member path or fsspec chain into its components, outermost first."""
    segments = path.split("::")
    components: list[str] = []
    for segment in reversed(segments):  # fsspec chains list the innermost first
        if len(segments) > 1 and _BARE_PROTOCOL.fullmatch(segment):
            continue  # a protocol with no path: ``simplecache::s3://...``
        text = segment
        scheme = _SCHEME.match(text)
        if scheme:
            text = text[scheme.end() :]
            if scheme.group().lower() in ("http://", "https://"):
                text = unquote(_QUERY.split(text, maxsplit=1)[0])
        text = _ZIP_COLON.sub(lambda m: m.group()[:-1] + "/", text.replace("\\", "/"))
        components.extend(c for c in text.split("/") if c not in ("", "."))
    return components


def classify(path: str) -> FileInfo:
    """Classify a file of the archive by its path.

    See the module documentation for the grammar. Never raises for an odd path: a file it does
    not recognise is ``other``.

    Args:
        path: A bucket or local path, a URL, a flattened download name, or a zip member
            (``outer.zip/inner/name.csv``, ``outer.zip:inner/name.csv`` or
            ``zip://inner/name.csv::s3://bucket/outer.zip``).

    Returns:
        The [`FileInfo`][ioarchive.discovery.FileInfo].

    Examples:
        >>> classify("russian_linked_tweets_csv_hashed.csv").campaign
        'russia_201901_1'
        >>> info = classify("saudi_arabia_112019_tweets_csv_hashed_1.csv")
        >>> info.campaign, info.part
        ('saudi_arabia_112019', '_1')
        >>> info = classify("iran_201901_1_tweets_csv_hashed.csv")
        >>> info.campaign, info.part
        ('iran_201901_1', None)
        >>> name = "unhashed_2019_08_spain_082019_1_spain_082019_1_tweets_csv_unhashed.zip"
        >>> info = classify(name)
        >>> info.campaign, info.hashed, info.compression, info.release_folder
        ('spain_082019_1', False, 'zip', '2019_08')
        >>> classify("x/CNHU_0621_tweets_csv_hashed.zip/CNHU_0621_tweets_csv_hashed_2019.csv").part
        '_2019'
        >>> info = classify("china_082019_3_tweets_csv_hashed_part1.zip/tweets_csv_hashed.csv")
        >>> info.campaign, info.part, info.compression
        ('china_082019_3', '_part1', None)
        >>> info = classify("hashed/2021_12/Tanzania_0621/tanzania_0621_users.csv")
        >>> info.campaign, info.kind.value, info.hashed
        ('Tanzania_0621', 'users', True)
        >>> classify("notes.csv").kind
        <FileKind.OTHER: 'other'>
    """
    components = _components(path)
    name = components[-1] if components else ""
    # The folders and zips above the file, nearest first.
    ancestors = [parse_component(c, is_file=False) for c in reversed(components[:-1])]
    in_media = any(a.kind is FileKind.MEDIA for a in ancestors)
    own = parse_component(name, is_file=True, in_media=in_media)
    kind, campaign, known, part = own.kind, own.campaign, own.known, own.part
    if kind in ARCHIVE_KINDS:
        campaign, known = _campaign_from_folders(own, ancestors)
    else:
        campaign, known = None, False
    if kind in DATA_KINDS and part is None:
        part = _part_from_container(kind, campaign, ancestors)
    hashed = own.hashed
    if hashed is None:
        hashed = next((a.hashed for a in ancestors if a.hashed is not None), None)
    release = own.release or next((a.release for a in ancestors if a.release), None)
    last_extension = split_extension(name)[1].rsplit(".", 1)[-1]
    return FileInfo(
        path=path,
        name=name,
        campaign=campaign,
        known=known,
        kind=kind,
        hashed=hashed,
        part=part,
        part_key=part_key(part),
        compression=_COMPRESSION.get(last_extension),
        release_folder=release,
    )


def _campaign_from_folders(own: Parsed, ancestors: list[Parsed]) -> tuple[str | None, bool]:
    """Return the campaign of an archive file, asking the folders above it where needed.

    A name with no campaign takes the nearest folder's; an unknown campaign that is a known one
    without its set number (``china_082019`` under ``china_082019_2/``) takes the folder's.
    """
    if own.campaign is not None and own.known:
        return own.campaign, True
    for above in ancestors:
        if above.campaign is None:
            continue
        if own.campaign is None and not own.named:
            return above.campaign, above.known
        if own.campaign is not None and above.known and is_set_of(above.campaign, own.campaign):
            return above.campaign, True
    return own.campaign, own.known


def _part_from_container(
    kind: FileKind, campaign: str | None, ancestors: list[Parsed]
) -> str | None:
    """Return the part of the nearest zip or folder named as the same kind of data file."""
    for above in ancestors:
        if above.kind is kind:
            same = above.campaign is None or campaign is None or above.campaign == campaign
            return above.part if same else None
    return None
