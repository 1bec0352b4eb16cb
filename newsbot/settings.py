"""Scrapy settings of the newsbot project. ``NEWSBOT_*`` settings are documented in README.md."""

from newsbot.paths import resolve_paths as _resolve_paths
from newsbot.pool import default_workers as _default_workers

# Paths come from the project root, never the working directory (see newsbot.paths).
_PATHS = _resolve_paths()


def user_agent(contact: str) -> str:
    """The User-Agent: newsbot, its version and where its operator can be reached."""
    return f"newsbot/0.1 (+{contact})"


BOT_NAME = "newsbot"
SPIDER_LOADER_CLASS = "newsbot.spiderloader.SourceSpiderLoader"
SPIDER_MODULES: list[str] = []

# Directories of source files besides the bundled data/sources (list, or comma-separated).
NEWSBOT_SOURCES: list[str] = [str(path) for path in _PATHS.sources]
# Fetch every source from this base URL instead of its own (a mirror, the sample server).
NEWSBOT_BASE_URL = ""
NEWSBOT_DB = str(_PATHS.db)
NEWSBOT_POSTS_DIR = str(_PATHS.posts)
# A URL (or mailto:) where site owners can reach whoever runs this crawler.
NEWSBOT_CONTACT = _PATHS.contact
# Processes that parse and extract article pages, off the crawl's one thread (0: in it, as
# Scrapy would): one fewer than the CPUs, at least one (see newsbot.pool).
NEWSBOT_EXTRACT_WORKERS = _default_workers()
# Writes (a job each: an article's row, its post, a ledger record) the writer thread may hold
# before new article requests wait (see newsbot.writer).
NEWSBOT_WRITE_BACKLOG = 128

ITEM_PIPELINES = {
    "newsbot.pipelines.dates.NormaliseDatePipeline": 200,
    "newsbot.pipelines.clean.CleanHtmlPipeline": 300,
    "newsbot.pipelines.category.DeriveCategoryPipeline": 400,
    "newsbot.pipelines.validate.ValidateArticlePipeline": 500,
    "newsbot.pipelines.store.StoreArticlePipeline": 600,
    "newsbot.pipelines.export.ExportPostPipeline": 700,
}

# A host gets at most its source's concurrent_requests at once, also when requests queue up
# together (newsbot.spiders.downloader).
DOWNLOADER = "newsbot.spiders.downloader.SlotLimitedDownloader"

# Only http(s) on the source's own hosts is fetched: FetchPolicyMiddleware takes the place
# of Scrapy's OffsiteMiddleware, and no handler exists for other schemes.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "newsbot.spiders.middlewares.FetchPolicyMiddleware": 50,
    # An article request waits while the extraction workers have pages enough to do.
    "newsbot.spiders.middlewares.ExtractBacklogMiddleware": 60,
    # A redirect loop fails its request instead of vanishing in the duplicate filter.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "newsbot.spiders.middlewares.RedirectLoopMiddleware": 600,
    # Retries wait: Retry-After on 429 and 503, growing pauses otherwise (newsbot.politeness).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsbot.politeness.PoliteRetryMiddleware": 550,
    # Counts requests per host and day; stops a crawl at its source's daily_requests.
    "newsbot.politeness.DailyRequestCapMiddleware": 560,
}
# An exception in a callback is recorded as that response's failure; the crawl goes on.
SPIDER_MIDDLEWARES = {"newsbot.spiders.middlewares.RecordCallbackErrorsMiddleware": 950}
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}
# A <meta http-equiv=refresh> in a fetched page is never followed.
METAREFRESH_ENABLED = False

# Counts, logs and records every failure (spider callbacks, downloads, item pipelines).
EXTENSIONS = {
    "newsbot.failures.RecordFailuresExtension": 0,
    # robots.txt Crawl-delay is the floor of a host's delay (after AutoThrottle, at 0).
    "newsbot.politeness.CrawlDelayExtension": 100,
}
LOG_FORMATTER = "newsbot.failures.QuietLogFormatter"

# Bodies larger than this are not downloaded (decompressed size counts: a gzip bomb is
# refused); each source may set its own in [crawl].
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024

USER_AGENT = user_agent(NEWSBOT_CONTACT)
# Items of one response in parallel: the pipelines are synchronous, so more only costs
# Scrapy tasks per response (100, the default, cost 10% of a crawl's CPU).
CONCURRENT_ITEMS = 1
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Seconds before the first retry of a request, doubled for each further retry, at most
# NEWSBOT_RETRY_BACKOFF_MAX; a Retry-After (429, 503) is waited for instead, up to
# NEWSBOT_RETRY_AFTER_MAX (longer: the request fails now and is tried on a later run).
# crawl --retry-failed (newsbot.retrying): fetch only recorded failures that are due: one
# NEWSBOT_FAILURE_RETRY_BASE seconds after the last failure, doubled per attempt (at most
# NEWSBOT_FAILURE_RETRY_MAX); given up after NEWSBOT_FAILURE_MAX_ATTEMPTS attempts.
NEWSBOT_RETRY_FAILED = False
NEWSBOT_FAILURE_RETRY_BASE = 3600.0
NEWSBOT_FAILURE_RETRY_MAX = 7 * 86400.0
NEWSBOT_FAILURE_MAX_ATTEMPTS = 8
NEWSBOT_RETRY_BACKOFF = 1.0
NEWSBOT_RETRY_BACKOFF_MAX = 60.0
NEWSBOT_RETRY_AFTER_MAX = 300.0
# The spider logs one line per request that failed for good; Scrapy's own line would repeat it.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"
HTTPCACHE_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
# Scrapy's default stats, without a per-access shim (see newsbot.spiders.stats).
STATS_CLASS = "newsbot.spiders.stats.CrawlStats"
FEED_EXPORT_ENCODING = "utf-8"
