"""Write a campaign's files, or a small archive of campaigns, and return their ground truth.

Examples:
    >>> import tempfile
    >>> from ioarchive.synthetic import write_campaign
    >>> truth = write_campaign(tempfile.mkdtemp(), "c_202012", n_tweets=10)
    >>> [p.name for p in (*truth.tweet_files, *truth.user_files)]
    ['c_202012_tweets_csv_hashed.csv', 'c_202012_users_csv_hashed.csv']
"""

from __future__ import annotations

import datetime as dt
import random
from importlib.resources import files
from itertools import chain
from pathlib import Path

import polars as pl

from ioarchive.schema import Era
from ioarchive.snowflake import SNOWFLAKE_EPOCH_MS
from ioarchive.synthetic.accounts import (
    Account,
    active,
    followers_cell,
    make_accounts,
    old_authors,
    plan_bursts,
    profile_cells,
)
from ioarchive.synthetic.draws import Draws
from ioarchive.synthetic.files import FileQuirks, TweetFiles, file_stem, write_users_file
from ioarchive.synthetic.truth import (
    CampaignTruth,
    Columns,
    never_tweeted,
    truth_tweets,
    truth_users,
)
from ioarchive.synthetic.tweets import Plan, TweetMaker
from ioarchive.synthetic.vocabularies import COLUMNS, DAY_MS, day_ms

__all__ = [
    "NO_QUIRKS",
    "demo_archive_path",
    "write_archive",
    "write_campaign",
]

NO_QUIRKS = FileQuirks()


def write_campaign(
    directory: str | Path,
    campaign: str,
    *,
    era: Era = Era.TWEETS_2020,
    hashed: bool = True,
    n_accounts: int = 20,
    n_tweets: int = 200,
    seed: int = 0,
    start: dt.date = dt.date(2019, 1, 1),
    days: int = 365,
    bursty_accounts: int = 0,
    pre_snowflake_tweets: int = 0,
    quirks: FileQuirks | None = None,
) -> CampaignTruth:
    """Write one campaign's tweets and users files, and return what they hold.

    Files are named like the archive's: ``<campaign>_tweets_csv_hashed[<part>].csv`` and
    ``<campaign>_users_csv_hashed.csv`` (``_unhashed`` for an unhashed copy, ``.csv.gz``
    gzipped). Tweets are about 45% retweets (15% of them of accounts outside the release, with
    an empty ``retweet_userid``), 15% replies, 10% quotes (half of them of an earlier tweet of
    the campaign); times are uniform over ``days`` days from ``start``, and each ``tweetid`` is
    a snowflake of a millisecond within its ``tweet_time`` minute.

    Args:
        directory: Where to write (created if missing).
        campaign: The campaign id; it names the files and fills the truth's ``campaign``.
        era: The tweet-column era (sets column order, list style, hash format).
        hashed: Write a hashed copy (accounts under 5,000 followers hashed) or unhashed. The
            two copies of one campaign and seed hold the same tweets, as a release's hashed and
            unhashed copies do: only the hashed ids (and coordinates) differ.
        n_accounts: Campaign accounts; about one in seven never tweets.
        n_tweets: Tweets, in all.
        seed: Seed of every random draw; the same seed writes the same bytes.
        start: The first day of tweets (after 4 November 2010).
        days: How many days tweets span.
        bursty_accounts: How many accounts post in bursts: every tweet of theirs falls within
            two minutes of one of three anchor times (planted coordination-like behaviour).
        pre_snowflake_tweets: How many of the tweets are from before November 2010, with small
            sequential ids (as a few in the 2018 ``ira`` file); they come first in the file, are
            originals or replies, and are written by accounts created before then.
        quirks: The file-level quirks (parts, gzip, a BOM, a repeated header, the spelling of
            booleans...); None writes none, as ``FileQuirks()``.

    Returns:
        The [`CampaignTruth`][ioarchive.synthetic.CampaignTruth].

    Raises:
        ValueError: An argument out of range (a non-tweets era, no accounts, a start before
            snowflake ids, more pre-snowflake tweets than tweets, or no account old enough
            to write them).

    Examples:
        >>> import tempfile
        >>> from ioarchive.synthetic import FileQuirks, write_campaign
        >>> truth = write_campaign(tempfile.mkdtemp(), "x_082019", era=Era.TWEETS_2019)
        >>> truth.tweets.height, truth.era.value
        (200, 'tweets_2019')
        >>> quirks = FileQuirks(parts=2, part_style="_0N")
        >>> truth = write_campaign(tempfile.mkdtemp(), "x_082019", quirks=quirks)
        >>> [p.name for p in truth.tweet_files]
        ['x_082019_tweets_csv_hashed_01.csv', 'x_082019_tweets_csv_hashed_02.csv']
    """
    _check(era=era, n_accounts=n_accounts, n_tweets=n_tweets, pre=pre_snowflake_tweets, start=start)
    quirks = NO_QUIRKS if quirks is None else quirks
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{campaign}:{seed}")
    plan = _plan(
        rng,
        campaign,
        era=era,
        hashed=hashed,
        n_accounts=n_accounts,
        start=start,
        days=days,
        bursty_accounts=bursty_accounts,
        pre_snowflake_tweets=pre_snowflake_tweets,
        quirks=quirks,
    )
    cols = Columns()
    maker = TweetMaker(plan, cols)
    old_draws = Draws(random.Random(f"{campaign}:{seed}:old"))
    rows = chain(
        maker.old_tweets(old_draws, pre_snowflake_tweets),
        maker.tweets(Draws(rng), n_tweets - pre_snowflake_tweets),
    )
    out = TweetFiles(file_stem(folder, campaign, "tweets", hashed=hashed), COLUMNS[era], quirks)
    order = out.write_all(rows, n_tweets, cols.minutes)
    user_path = _write_users(rng, folder, campaign, plan.accounts, hashed=hashed, quirks=quirks)
    users = truth_users(campaign, plan.accounts)
    return _truth(
        plan,
        campaign,
        tweets=truth_tweets(campaign, users, cols, order),
        users=users,
        rows_per_file=out.rows_per_file,
        user_path=user_path,
    )


def _check(*, era: Era, n_accounts: int, n_tweets: int, pre: int, start: dt.date) -> None:
    """Raise ValueError on arguments ``write_campaign`` cannot honour."""
    if era not in COLUMNS:
        raise ValueError(f"era must be a tweets era, not {era.value!r}")
    if n_accounts < 1:
        raise ValueError(f"n_accounts must be at least 1, not {n_accounts}")
    if not 0 <= pre <= n_tweets:
        raise ValueError("pre_snowflake_tweets must be between 0 and n_tweets")
    if day_ms(start) < SNOWFLAKE_EPOCH_MS + DAY_MS:
        raise ValueError(
            f"start must be after 4 November 2010, not {start}"
            "\nHint: use pre_snowflake_tweets for older tweets"
        )


def _plan(
    rng: random.Random,
    campaign: str,
    *,
    era: Era,
    hashed: bool,
    n_accounts: int,
    start: dt.date,
    days: int,
    bursty_accounts: int,
    pre_snowflake_tweets: int,
    quirks: FileQuirks,
) -> Plan:
    """Draw the accounts, the external ids and the bursts the tweets are drawn from."""
    accounts = make_accounts(
        rng, campaign, era, n_accounts, hashed=hashed, hash_all=quirks.hash_all
    )
    if pre_snowflake_tweets and not old_authors(active(accounts)):
        raise ValueError(
            "pre_snowflake_tweets needs an account created before November 2010, and none was"
            "\nHint: use more accounts or another seed"
        )
    externals = [str(rng.randrange(10**8, 10**18)) for _ in range(max(5, n_accounts // 2))]
    return Plan(
        era=era,
        hashed=hashed,
        accounts=accounts,
        externals=externals,
        bursts=plan_bursts(rng, accounts, bursty_accounts, day_ms(start), days),
        start_ms=day_ms(start),
        days=days,
        bool_spelling=("true", "false") if era is Era.TWEETS_2018 else quirks.bool_spelling,
    )


def _write_users(
    rng: random.Random,
    folder: Path,
    campaign: str,
    accounts: list[Account],
    *,
    hashed: bool,
    quirks: FileQuirks,
) -> Path:
    """Write the users file, one row per account; return its path."""
    stem = file_stem(folder, campaign, "users", hashed=hashed)
    path = stem.with_name(f"{stem.name}{quirks.suffix}")
    write_users_file(path, [profile_cells(a, followers_cell(rng, a)) for a in accounts], quirks)
    return path


def _truth(
    plan: Plan,
    campaign: str,
    *,
    tweets: pl.DataFrame,
    users: pl.DataFrame,
    rows_per_file: dict[Path, int],
    user_path: Path,
) -> CampaignTruth:
    """Assemble the truth of a written campaign from its tweets files' row counts."""
    accounts = plan.accounts
    tweet_files = tuple(rows_per_file)
    rows_per_file[user_path] = len(accounts)
    return CampaignTruth(
        campaign=campaign,
        era=plan.era,
        hashed=plan.hashed,
        tweets=tweets,
        users=users,
        tweet_files=tweet_files,
        user_files=(user_path,),
        rows_per_file=rows_per_file,
        hashed_accounts=frozenset(a.userid for a in accounts if a.hashed),
        unhashed_accounts=frozenset(a.userid for a in accounts if not a.hashed),
        external_accounts=frozenset(plan.externals_used),
        never_tweeted=never_tweeted(accounts, tweets),
        bursty_accounts=frozenset(plan.bursts),
    )


_ARCHIVE: tuple[tuple[str, str, Era, FileQuirks], ...] = (
    ("ira", "2018_10", Era.TWEETS_2018, NO_QUIRKS),
    (
        "iran_201901_1",
        "2019_01",
        Era.TWEETS_2019,
        FileQuirks(parts=2, bool_spelling=("True", "False")),
    ),
    (
        "iran_092020",
        "2020_09",
        Era.TWEETS_2020,
        FileQuirks(hash_all=True, trailing_blank_line=True),
    ),
    ("iran_202012", "2020_12", Era.TWEETS_2020, FileQuirks(bool_spelling=("1", "0"))),
)


def write_archive(
    root: str | Path, *, seed: int = 0, n_tweets: int = 300, n_accounts: int = 24
) -> dict[str, CampaignTruth]:
    """Write a small mirror laid out like the archive's bucket: ``hashed/<release>/<campaign>/``.

    Four campaigns, one per era and quirk: ``ira`` (2018 era, hex hashes), ``iran_201901_1``
    (2019 era, two parts, ``True``/``False``), ``iran_092020`` (every account hashed, users file
    ending with a blank line) and ``iran_202012`` (2020 era, ``1``/``0`` booleans).

    Args:
        root: The mirror's root folder.
        seed: Seed of every random draw.
        n_tweets: Tweets per campaign.
        n_accounts: Accounts per campaign.

    Returns:
        The truth of each campaign, by campaign id.

    Examples:
        >>> import tempfile
        >>> from ioarchive.synthetic import write_archive
        >>> sorted(write_archive(tempfile.mkdtemp(), n_tweets=20))
        ['ira', 'iran_092020', 'iran_201901_1', 'iran_202012']
    """
    truths = {}
    for campaign, release, era, quirks in _ARCHIVE:
        truths[campaign] = write_campaign(
            Path(root) / "hashed" / release / campaign,
            campaign,
            era=era,
            seed=seed,
            n_tweets=n_tweets,
            n_accounts=n_accounts,
            quirks=quirks,
        )
    return truths


def demo_archive_path() -> Path:
    """Return the folder of the small demo archive bundled with the package.

    It is [`write_archive`][ioarchive.synthetic.write_archive] output (``bench/make_demo.py``
    regenerates it): the four campaigns that function documents, 400 tweets and 30 accounts
    each, under ``hashed/``.

    Returns:
        The folder's path.

    Examples:
        >>> from ioarchive.synthetic import demo_archive_path
        >>> (demo_archive_path() / "hashed").is_dir()
        True
    """
    return Path(str(files("ioarchive") / "data" / "demo"))
