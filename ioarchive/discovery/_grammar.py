"""The pieces of the file-name grammar: patterns, and one path component taken apart (private).

[`classify`][ioarchive.discovery.classify] (in ``naming``) applies them to a whole path; the
grammar is documented there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ioarchive.releases import known_campaigns
from ioarchive.schema import FileKind

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


ARCHIVE_KINDS = frozenset(
    {
        FileKind.TWEETS,
        FileKind.USERS,
        FileKind.MEDIA,
        FileKind.MEDIA_LIST,
        FileKind.README,
    }
)
DATA_KINDS = frozenset({FileKind.TWEETS, FileKind.USERS})


@dataclass(frozen=True)
class Parsed:
    """One path component (the file, or a folder or zip above it) taken apart."""

    kind: FileKind = FileKind.OTHER
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


def is_set_of(campaign: str, base: str) -> bool:
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
                if is_set_of(folder, own):
                    prefix = folder
                    break
    if strict and not _CAMPAIGN_LIKE.fullmatch(prefix):
        return None, False
    return prefix, False


def split_extension(component: str) -> tuple[str, str]:
    """Return ``(stem, extension)``: the text before the first dot and the rest, lowercased."""
    stem, _, extension = component.strip().partition(".")
    return _BROWSER_COPY.sub("", stem), _BROWSER_COPY.sub("", extension).lower()


def parse_component(component: str, *, is_file: bool, in_media: bool = False) -> Parsed:
    """Take one path component apart.

    Args:
        component: A file name, or a folder or zip file above the file.
        is_file: The component is the file itself, so only data extensions make data.
        in_media: A folder or zip above the file is a media folder.
    """
    stem, extension = split_extension(component)
    if not is_file:
        if stem.lower() in ("hashed", "unhashed"):
            return Parsed(hashed=stem.lower() == "hashed")
        if _RELEASE_FOLDER.fullmatch(stem):
            return Parsed(release=stem)
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
        return Parsed(campaign=campaign, known=known, hashed=hashed, release=release)
    kind, groups = found
    prefix = groups.get("prefix")
    campaign, known = (None, False)
    if prefix:
        strict = kind not in DATA_KINDS
        campaign, known = _resolve(prefix, flattened=flattened, strict=strict)
    copy = groups.get("copy")
    if copy:
        hashed = copy.lower() == "hashed"
    part = groups.get("part") or groups.get("inner") or groups.get("outer")
    return Parsed(kind, bool(prefix), campaign, known, hashed, part, release)


def _match(
    stem: str, extension: str, *, is_file: bool, in_media: bool
) -> tuple[FileKind, dict[str, str | None]] | None:
    """Return the kind of a stem and the named groups that show it, or None for other files."""
    data = _DATA.fullmatch(stem)
    if data and (not is_file or extension in _DATA_EXTENSIONS):
        return FileKind(data["kind"].lower()), data.groupdict()
    for pattern, kind in (
        (_README, FileKind.README),
        (_MEDIA_LIST, FileKind.MEDIA_LIST),
        (_MEDIA, FileKind.MEDIA),
    ):
        match = pattern.fullmatch(stem)
        if match:
            return kind, match.groupdict()
    if in_media or extension.rsplit(".", 1)[-1] in _MEDIA_EXTENSIONS:
        archive = _MEDIA_ARCHIVE.fullmatch(stem)
        return FileKind.MEDIA, archive.groupdict() if archive else {}
    return None
