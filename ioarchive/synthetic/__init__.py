"""Write faithful synthetic archive files, and return the ground truth they hold.

The files look like Twitter's own: UTF-8, every field double-quoted, inner quotes doubled,
raw newlines (and a stray carriage return) inside texts, the three tweet-column eras, hashed
accounts in the hash format of their era, the 5,000-follower rule, list cells in the era's
style, ``absent``/``present`` geo words, ``3.0`` counts, ``0`` mention placeholders, accounts
that never tweeted, references to campaign and external accounts. A
[`FileQuirks`][ioarchive.synthetic.FileQuirks] adds file-level quirks: parts in any of the
archive's suffix styles, gzip, a BOM, a repeated header line, a trailing blank line, camelCase
user columns, booleans' spellings, every account hashed.

The returned [`CampaignTruth`][ioarchive.synthetic.CampaignTruth] holds the canonical frames
the files must read back as, so tests (here and in other packages) can compare every column.

Every random draw comes from one ``random.Random`` seeded with the campaign id and ``seed``, so
the same arguments write the same bytes. Rows are generated and written in chunks, and the truth
is built column by column: a million rows take about 25 seconds and 1 GB of memory, most of it
the truth frame (the period part styles also hold every row, to sort them by time).

The package's modules, in the order data flows through them: ``vocabularies`` (what values are
drawn from), ``accounts`` (ids, hashes, profiles), ``tweets`` (who posts when, and what),
``cells`` (how values are spelled in each era), ``files`` (names, parts and file quirks),
``truth`` (the canonical frames) and ``campaign`` (the entry points).

Examples:
    >>> import tempfile
    >>> from ioarchive import synthetic, scan_tweets
    >>> truth = synthetic.write_campaign(tempfile.mkdtemp(), "demo_202012", n_tweets=50, seed=1)
    >>> scan_tweets(truth.tweet_files, campaign="demo_202012").collect().equals(truth.tweets)
    True
"""

from __future__ import annotations

from ioarchive.synthetic.accounts import hash_id
from ioarchive.synthetic.campaign import demo_archive_path, write_archive, write_campaign
from ioarchive.synthetic.cells import format_list
from ioarchive.synthetic.files import FileQuirks, PartStyle
from ioarchive.synthetic.truth import CampaignTruth

__all__ = [
    "CampaignTruth",
    "FileQuirks",
    "PartStyle",
    "demo_archive_path",
    "format_list",
    "hash_id",
    "write_archive",
    "write_campaign",
]
