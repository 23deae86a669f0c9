"""The archive's file-name grammar: what a file is, from its path alone.

:func:`classify` takes a bucket path, a flattened download name, a URL or a path inside a zip
file (``outer.zip/inner/file.csv``) and returns a :class:`FileInfo`: the campaign, the kind of
file, hashed or not, the part label and a key that sorts parts in order, the compression.

The grammar, on the lowercased file name without its extensions:

1. A browser-flattened prefix ``hashed_`` or ``unhashed_`` and a release folder ``YYYY_MM_``
   are taken off (they say hashed or not, and the release); the campaign they repeat is
   written once.
2. The data marker ``tweets`` or ``users``, optionally followed by ``_csv`` and ``_hashed`` /
   ``_unhashed``, splits the name: before it is the campaign, after it the part label
   (``_1``, ``_part1``, ``_01``, ``_2016_01``, ``_2019``, ``_2_a``). Set numbers such as the
   ``_1`` of ``iran_201901_1`` come before the marker, so they are never read as parts.
3. The campaign is matched to the 48 known releases, case-insensitively, which also settle the
   irregular names: ``russian_linked`` is ``russia_201901_1``, ``bangladesh_linked``
   ``bangladesh_201901_1``, ``venezuela_linked`` ``venezuela_201901_2``, ``032020``
   ``ghana_nigeria_032020``, and a name without its set number (``ecuador_082019``) takes
   ``_1`` when that is a known campaign. Anything else is kept as written, with
   ``known=False``; a name with no campaign before the marker takes its folder's name.
4. Readmes, media file lists and media archives are recognised by ``readme``,
   ``media_file_list`` and ``tweet_media``; any other file is ``other``.

Examples:
    >>> info = classify("hashed/2019_08/china_082019_3/china_082019_3_tweets_csv_hashed_part2.csv")
    >>> info.campaign, info.kind.value, info.hashed, info.part
    ('china_082019_3', 'tweets', True, '_part2')
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from ioarchive.releases import known_campaigns

__all__ = ["FileInfo", "FileKindName", "PartKey", "classify", "part_key"]

PartKey = tuple[tuple[int, int | str], ...]
"""A sortable key of a part label: numbers compare as numbers (``_2`` before ``_10``)."""

_FLATTENED = re.compile(r"^(?P<copy>hashed|unhashed)_(?:(?P<release>\d{4}_\d{2})_)?(?P<rest>.+)$")
_DATA = re.compile(
    r"^(?P<prefix>.*?)_?(?P<kind>tweets|users)(?:_csv)?(?:_(?P<copy>hashed|unhashed))?"
    r"(?P<part>(?:_[0-9a-z]+)*)$"
)
_RELEASE_FOLDER = re.compile(r"^\d{4}_\d{2}$")
_EXTENSIONS = re.compile(r"(\.(?:csv|tsv|txt|zip|gz|json|md|pdf))+$")
_ALIASES = {
    "russian_linked": "russia_201901_1",
    "bangladesh_linked": "bangladesh_201901_1",
    "venezuela_linked": "venezuela_201901_2",
    "032020": "ghana_nigeria_032020",
}
_DATA_SUFFIXES = (".csv", ".csv.gz", ".zip", ".tsv")
_MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".mp4", ".mov", ".webp")


class FileKindName(enum.StrEnum):
    """What a file holds."""

    TWEETS = "tweets"
    USERS = "users"
    MEDIA = "media"
    MEDIA_LIST = "media_list"
    README = "readme"
    OTHER = "other"


@dataclass(frozen=True)
class FileInfo:
    """What a file's path says about it.

    Attributes:
        path: The path as given.
        name: The file name (last path component).
        campaign: The campaign id (the known spelling when known), or None.
        known: Whether the campaign is one of the 48 known releases.
        kind: What the file holds.
        hashed: True for the hashed copy, False for unhashed, None when the path does not say.
        part: The part label (``_2``, ``_part1``, ``_2016_06``) or None.
        part_key: Sorts parts in order; files without a part sort first.
        compression: ``"gzip"`` for ``.gz``, ``"zip"`` for ``.zip``, else None.
        release_folder: The ``YYYY_MM`` release folder when the path shows it.
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

    Args:
        part: A label such as ``_10``, ``_part2``, ``_2016_06`` or ``_2_b``; None for none.

    Returns:
        A tuple that sorts labels in part order.

    Examples:
        >>> sorted(["_10", "_2", "_1"], key=part_key)
        ['_1', '_2', '_10']
    """
    if not part:
        return ()
    tokens = re.findall(r"\d+|[a-z]+", part.lower())
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in tokens)


def _resolve(prefix: str, original: str, folder: str | None) -> tuple[str | None, bool]:
    """Return (campaign, known) for the text before the data marker."""
    known = known_campaigns()
    candidates = [prefix]
    half = len(prefix) // 2
    if len(prefix) % 2 and prefix[:half] == prefix[half + 1 :] and prefix[half] == "_":
        candidates.insert(0, prefix[:half])
    for candidate in candidates:
        for name in (candidate, _ALIASES.get(candidate, ""), f"{candidate}_1"):
            if name in known:
                return known[name], True
    if not prefix:
        if folder and folder.lower() in known:
            return known[folder.lower()], True
        return folder, False
    start = original.lower().find(candidates[0])
    return original[start : start + len(candidates[0])], False


def _compression(name: str) -> str | None:
    lowered = name.lower()
    if lowered.endswith(".gz"):
        return "gzip"
    if lowered.endswith(".zip"):
        return "zip"
    return None


def _hashed_from_folders(folders: list[str]) -> bool | None:
    for folder in reversed(folders):
        if folder.lower() in ("hashed", "unhashed"):
            return folder.lower() == "hashed"
    return None


def classify(path: str) -> FileInfo:
    """Classify a file of the archive by its path.

    Args:
        path: A bucket path, URL, flattened download name, or a path inside a zip file
            (``outer.zip/inner/name.csv``).

    Returns:
        The :class:`FileInfo`.

    Examples:
        >>> classify("russian_linked_tweets_csv_hashed.csv").campaign
        'russia_201901_1'
        >>> name = "unhashed_2019_08_spain_082019_1_spain_082019_1_tweets_csv_unhashed.zip"
        >>> info = classify(name)
        >>> info.campaign, info.hashed, info.compression, info.release_folder
        ('spain_082019_1', False, 'zip', '2019_08')
        >>> classify("turkey_052020_tweets_csv_hashed_2016_06.csv").part_key
        ((0, 2016), (0, 6))
        >>> classify("Tanzania_0621_users.csv").hashed is None
        True
    """
    clean = path.split("::", 1)[0].split("://", 1)[-1].rstrip("/")
    components = [c for c in clean.split("/") if c]
    name = components[-1] if components else clean
    folders = components[:-1]
    stem = _EXTENSIONS.sub("", name.lower())
    stem_original = name[: len(stem)]
    release = next((f for f in reversed(folders) if _RELEASE_FOLDER.match(f)), None)
    hashed = _hashed_from_folders(folders)
    flattened = _FLATTENED.match(stem)
    if flattened and _DATA.match(flattened["rest"]):
        hashed = flattened["copy"] == "hashed"
        release = flattened["release"] or release
        offset = len(stem) - len(flattened["rest"])
        stem, stem_original = flattened["rest"], stem_original[offset:]
    kind, campaign, known, part = _kind_and_campaign(stem, stem_original, folders, name)
    if kind in (FileKindName.TWEETS, FileKindName.USERS):
        data = _DATA.match(stem)
        if data and data["copy"]:
            hashed = data["copy"] == "hashed"
    elif hashed is None and "unhashed" in stem:
        hashed = False
    elif hashed is None and "hashed" in stem:
        hashed = True
    return FileInfo(
        path=path,
        name=name,
        campaign=campaign,
        known=known,
        kind=kind,
        hashed=hashed,
        part=part,
        part_key=part_key(part),
        compression=_compression(name),
        release_folder=release,
    )


def _kind_and_campaign(
    stem: str, original: str, folders: list[str], name: str
) -> tuple[FileKindName, str | None, bool, str | None]:
    folder = folders[-1] if folders else None
    if folder and folder.lower().endswith(".zip"):
        folder = folders[-2] if len(folders) > 1 else None
    text = "/".join([*folders, name]).lower()
    if "readme" in stem:
        prefix = re.sub(r"_(?:un)?(?:hashed_)?readme.*$", "", stem)
        campaign, known = _resolve(prefix, original, None) if "_readme" in stem else (None, False)
        return FileKindName.README, campaign if known else None, known, None
    if "media_file_list" in stem:
        campaign, known = _resolve(stem.split("_media_file_list", maxsplit=1)[0], original, None)
        return FileKindName.MEDIA_LIST, campaign, known, None
    if "tweet_media" in text or name.lower().endswith(_MEDIA_SUFFIXES):
        media_part = next((c for c in [*folders, name] if "tweet_media" in c.lower()), None)
        if media_part is None:
            return FileKindName.MEDIA, None, False, None
        campaign, known = _resolve(media_part.lower().split("_tweet_media")[0], media_part, None)
        return FileKindName.MEDIA, campaign, known, None
    data = _DATA.match(stem)
    if data is None or not name.lower().endswith(_DATA_SUFFIXES):
        return FileKindName.OTHER, None, False, None
    campaign, known = _resolve(data["prefix"], original, folder)
    kind = FileKindName(data["kind"])
    return kind, campaign, known, data["part"] or None
