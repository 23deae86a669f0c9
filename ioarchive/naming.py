r"""The archive's file-name grammar: what a file is, from its path alone.

:func:`classify` reads a path and returns a :class:`FileInfo`: the campaign, the kind of file,
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

import enum
import re
from dataclasses import dataclass
from urllib.parse import unquote

from ioarchive.releases import known_campaigns

__all__ = ["FileInfo", "FileKindName", "PartKey", "classify", "part_key"]

PartKey = tuple[tuple[int, int | str], ...]
"""Sort key of a part label: numbers compare as numbers, words after numbers; ``()`` first."""

_PART = r"_(?:part_?\d+|\d+(?:_\d{1,2})?(?:_[a-z])?)"
"""One part label: ``_1``, ``_01``, ``_part1``, ``_2019``, ``_2016_06``, ``_2_a``."""

_DATA = re.compile(
    r"(?:(?P<prefix>.*?)_)?(?P<kind>tweets|users)"
    rf"(?P<inner>{_PART})?(?:_csv)?(?:_(?P<copy>hashed|unhashed))?(?P<outer>{_PART})?",
    re.IGNORECASE,
)
"""A data file's stem (full match): campaign, data marker, part after ``tweets`` or at the end.

The campaign is matched lazily, but the whole stem must match, so a stem that repeats the
marker (a flattened name with a folder ``<c>_tweets_csv_hashed`` in it) splits at the last
marker that leaves a valid ending.
"""

_README = re.compile(
    r"(?:(?P<prefix>.*?)_)?(?:(?P<copy>hashed|unhashed)_)?readme(?:_.*)?", re.IGNORECASE
)
"""A readme's stem: ``<c>_hashed_README``, ``Twitter_Elections_Integrity_Datasets_hashed_README``.
"""

_MEDIA_LIST = re.compile(
    r"(?:(?P<prefix>.*?)_)?media_file_list(?:_(?P<copy>hashed|unhashed))?(?P<part>_\d+)?",
    re.IGNORECASE,
)
"""A media file list's stem: ``<c>_media_file_list_hashed``."""

_MEDIA = re.compile(
    r"(?:(?P<prefix>.*?)_)?tweet_media(?:_(?P<copy>hashed|unhashed))?(?P<part>_\d+)?",
    re.IGNORECASE,
)
"""A media archive or folder: ``ira_tweet_media_hashed_3``, ``<c>_tweet_media_hashed``."""

_MEDIA_ARCHIVE = re.compile(
    r"(?:(?P<prefix>.*?)_)?(?P<copy>hashed|unhashed)(?P<part>_\d+)", re.IGNORECASE
)
"""A numbered media archive inside a ``tweet_media`` folder: ``<c>_hashed_001``."""

_FLATTENED = re.compile(
    r"(?:(?P<copy>hashed|unhashed)_)?(?:(?P<release>20\d\d_(?:0[1-9]|1[0-2]))_)?(?P<rest>.+)",
    re.IGNORECASE,
)
"""A browser-flattened name: ``hashed_`` / ``unhashed_``, a release folder, then the rest."""

_RELEASE_FOLDER = re.compile(r"20\d\d_(?:0[1-9]|1[0-2])")
"""A release folder of the bucket: ``2020_12``."""

_CAMPAIGN_LIKE = re.compile(r"[a-z]+(?:_[a-z]+)*_\d{4,6}(?:_\d{1,2})?|\d{6}", re.IGNORECASE)
"""An id that looks like a campaign (``atlantis_202301``, ``XY_0621``), for names that are not
data files (readmes, folders), where not every prefix is a campaign."""

_DROPPED_SET = re.compile(r".+_\d{6}")
"""A campaign id that may have lost its set number (``ecuador_082019``)."""

_COPY_WORD = re.compile(r"(?:^|_)(hashed|unhashed)(?=_|$)", re.IGNORECASE)
"""The word ``hashed`` or ``unhashed`` anywhere in a name that is not an archive file name."""

_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_BARE_PROTOCOL = re.compile(r"[a-z][a-z0-9+.\-]*", re.IGNORECASE)
_QUERY = re.compile(r"[?#]")
_PART_TOKEN = re.compile(r"\d+|[a-z]+")
_ZIP_COLON = re.compile(r"\.zip:(?!//)", re.IGNORECASE)
_BROWSER_COPY = re.compile(r"\s*\(\d+\)\s*$")

_ALIASES = {
    "russian_linked": "russia_201901_1",
    "bangladesh_linked": "bangladesh_201901_1",
    "venezuela_linked": "venezuela_201901_2",
    "032020": "ghana_nigeria_032020",
}
"""Names that are not the campaign id, lowercased, to the campaign they belong to."""

_DATA_EXTENSIONS = frozenset({"csv", "csv.gz", "csv.gzip", "gz", "zip", "csv.zip"})
_MEDIA_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "mp4", "mov", "m4v", "webm"})
_COMPRESSION = {"gz": "gzip", "gzip": "gzip", "zip": "zip", "bz2": "bz2", "xz": "xz", "zst": "zstd"}


class FileKindName(enum.StrEnum):
    """What a file holds.

    Examples:
        >>> FileKindName("tweets") is FileKindName.TWEETS
        True
        >>> sorted(k.value for k in FileKindName)
        ['media', 'media_list', 'other', 'readme', 'tweets', 'users']
    """

    TWEETS = "tweets"
    USERS = "users"
    MEDIA = "media"
    MEDIA_LIST = "media_list"
    README = "readme"
    OTHER = "other"


_ARCHIVE_KINDS = frozenset(
    {
        FileKindName.TWEETS,
        FileKindName.USERS,
        FileKindName.MEDIA,
        FileKindName.MEDIA_LIST,
        FileKindName.README,
    }
)
_DATA_KINDS = frozenset({FileKindName.TWEETS, FileKindName.USERS})


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
        part_key: :func:`part_key` of ``part``: sorts parts in order, no part first.
        compression: The file's own compression or container, from its last extension:
            ``"gzip"``, ``"zip"``, ``"bz2"``, ``"xz"``, ``"zstd"``, or None.
        release_folder: The ``YYYY_MM`` release folder when the path shows it, else None.

    Examples:
        >>> info = classify("unhashed/2019_08/x/ecuador_082019_users_csv_unhashed.csv.gz")
        >>> info.campaign, info.known, info.kind, info.hashed, info.compression
        ('ecuador_082019_1', True, <FileKindName.USERS: 'users'>, False, 'gzip')
    """

    path: str
    name: str
    campaign: str | None
    known: bool
    kind: FileKindName
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


@dataclass(frozen=True)
class _Parsed:
    """One path component (the file, or a folder or zip above it) taken apart."""

    kind: FileKindName = FileKindName.OTHER
    named: bool = False
    """The component names something before its marker (a campaign text, even unknown)."""
    campaign: str | None = None
    known: bool = False
    hashed: bool | None = None
    part: str | None = None
    release: str | None = None


def _lookup(text: str) -> str | None:
    """Return the known campaign a name's campaign text stands for, or None."""
    known = known_campaigns()
    key = text.lower()
    if key in known:
        return known[key]
    if key in _ALIASES:
        return known[_ALIASES[key]]
    if _DROPPED_SET.fullmatch(key) and f"{key}_1" in known and f"{key}_2" not in known:
        return known[f"{key}_1"]
    return None


def _is_set_of(campaign: str, base: str) -> bool:
    """Whether ``campaign`` is ``base`` with a set number (``china_082019_2``, ``china_082019``)."""
    head, _, number = campaign.rpartition("_")
    return number.isdigit() and len(number) <= 2 and head.lower() == base.lower()


def _resolve(prefix: str, *, flattened: bool, strict: bool) -> tuple[str | None, bool]:
    """Return ``(campaign, known)`` for the campaign text of a name.

    Args:
        prefix: The text before the name's marker, as written.
        flattened: The name was flattened, so ``prefix`` is ``<folder>_<file campaign>``.
        strict: Keep an unknown campaign only if it looks like a campaign id.
    """
    hit = _lookup(prefix)
    if hit is not None:
        return hit, True
    if flattened:
        words = prefix.split("_")
        splits = [("_".join(words[:i]), "_".join(words[i:])) for i in range(1, len(words))]
        twice = next((own for folder, own in splits if folder.lower() == own.lower()), None)
        if twice is not None:  # ``<c>_<c>``: the folder and the file agree
            hit = _lookup(twice)
            if hit is not None:
                return hit, True
            prefix = twice
        else:
            for _, own in splits:  # the file's own campaign, longest first
                hit = _lookup(own)
                if hit is not None:
                    return hit, True
            for folder, _ in reversed(splits):  # else the folder's, longest first
                hit = _lookup(folder)
                if hit is not None:
                    return hit, True
            for folder, own in splits:  # unknown: the folder, if the file drops its set
                if _is_set_of(folder, own):
                    prefix = folder
                    break
    if strict and not _CAMPAIGN_LIKE.fullmatch(prefix):
        return None, False
    return prefix, False


def _split_extension(component: str) -> tuple[str, str]:
    """Return ``(stem, extension)``: the text before the first dot and the rest, lowercased."""
    stem, _, extension = component.strip().partition(".")
    return _BROWSER_COPY.sub("", stem), _BROWSER_COPY.sub("", extension).lower()


def _parse(component: str, *, is_file: bool, in_media: bool = False) -> _Parsed:
    """Take one path component apart.

    Args:
        component: A file name, or a folder or zip file above the file.
        is_file: The component is the file itself, so only data extensions make data.
        in_media: A folder or zip above the file is a media folder.
    """
    stem, extension = _split_extension(component)
    if not is_file:
        if stem.lower() in ("hashed", "unhashed"):
            return _Parsed(hashed=stem.lower() == "hashed")
        if _RELEASE_FOLDER.fullmatch(stem):
            return _Parsed(release=stem)
    hashed: bool | None = None
    release: str | None = None
    flat = _FLATTENED.fullmatch(stem)
    flattened = bool(flat and (flat["copy"] or flat["release"]))
    if flat and flattened:
        stem = flat["rest"]
        hashed = flat["copy"].lower() == "hashed" if flat["copy"] else None
        release = flat["release"]
    found = _match(stem, extension, is_file=is_file, in_media=in_media)
    if found is None:
        campaign, known = (None, False)
        if not is_file and stem:
            campaign, known = _resolve(stem, flattened=flattened, strict=True)
        copies = _COPY_WORD.findall(stem)
        if copies:
            hashed = copies[-1].lower() == "hashed"
        return _Parsed(campaign=campaign, known=known, hashed=hashed, release=release)
    kind, groups = found
    prefix = groups.get("prefix")
    campaign, known = (None, False)
    if prefix:
        strict = kind not in _DATA_KINDS
        campaign, known = _resolve(prefix, flattened=flattened, strict=strict)
    copy = groups.get("copy")
    if copy:
        hashed = copy.lower() == "hashed"
    part = groups.get("part") or groups.get("inner") or groups.get("outer")
    return _Parsed(kind, bool(prefix), campaign, known, hashed, part, release)


def _match(
    stem: str, extension: str, *, is_file: bool, in_media: bool
) -> tuple[FileKindName, dict[str, str | None]] | None:
    """Return the kind of a stem and the named groups that show it, or None for other files."""
    data = _DATA.fullmatch(stem)
    if data and (not is_file or extension in _DATA_EXTENSIONS):
        return FileKindName(data["kind"].lower()), data.groupdict()
    for pattern, kind in (
        (_README, FileKindName.README),
        (_MEDIA_LIST, FileKindName.MEDIA_LIST),
        (_MEDIA, FileKindName.MEDIA),
    ):
        match = pattern.fullmatch(stem)
        if match:
            return kind, match.groupdict()
    if in_media or extension.rsplit(".", 1)[-1] in _MEDIA_EXTENSIONS:
        archive = _MEDIA_ARCHIVE.fullmatch(stem)
        return FileKindName.MEDIA, archive.groupdict() if archive else {}
    return None


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
        The :class:`FileInfo`.

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
        <FileKindName.OTHER: 'other'>
    """
    components = _components(path)
    name = components[-1] if components else ""
    ancestors = [_parse(c, is_file=False) for c in reversed(components[:-1])]  # nearest first
    in_media = any(a.kind is FileKindName.MEDIA for a in ancestors)
    own = _parse(name, is_file=True, in_media=in_media)
    kind, campaign, known, part = own.kind, own.campaign, own.known, own.part
    if kind in _ARCHIVE_KINDS:
        campaign, known = _campaign_from_folders(own, ancestors)
    else:
        campaign, known = None, False
    if kind in _DATA_KINDS and part is None:
        part = _part_from_container(kind, campaign, ancestors)
    hashed = own.hashed
    if hashed is None:
        hashed = next((a.hashed for a in ancestors if a.hashed is not None), None)
    release = own.release or next((a.release for a in ancestors if a.release), None)
    last_extension = _split_extension(name)[1].rsplit(".", 1)[-1]
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


def _campaign_from_folders(own: _Parsed, ancestors: list[_Parsed]) -> tuple[str | None, bool]:
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
        if own.campaign is not None and above.known and _is_set_of(above.campaign, own.campaign):
            return above.campaign, True
    return own.campaign, own.known


def _part_from_container(
    kind: FileKindName, campaign: str | None, ancestors: list[_Parsed]
) -> str | None:
    """Return the part of the nearest zip or folder named as the same kind of data file."""
    for above in ancestors:
        if above.kind is kind:
            same = above.campaign is None or campaign is None or above.campaign == campaign
            return above.part if same else None
    return None
