"""Failed requests get short reasons for stats keys and the failures table."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, ResponseDataLossError
from twisted.python.failure import Failure

from newsbot.spiders.base import failure_reason
from newsbot.spiders.middlewares import RefusedRequest


@pytest.mark.parametrize(
    ("exception", "reason"),
    [
        (RefusedRequest("refused_host", "http://other.example/"), "refused_host"),
        (DownloadCancelledError("Expected to receive 41943040 bytes ..."), "too_large"),
        (IgnoreRequest("... exceeded DOWNLOAD_MAXSIZE (10485760 B) ..."), "too_large"),
        (IgnoreRequest("max redirections reached"), "too_many_redirects"),
        (ResponseDataLossError(), "short_body"),
        (IgnoreRequest("something else"), "ignorerequest"),
    ],
)
def test_failure_reason(exception: Exception, reason: str) -> None:
    assert failure_reason(Failure(exception)) == reason
