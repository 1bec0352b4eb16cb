"""The crawl's writer (newsbot.writer): jobs run one at a time, in the order given, in one
thread of their own; a failed job fails alone; and a Store used from that thread and the
crawl's at once never commits half of a write."""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

import pytest
from test_store import article

from newsbot.store import Store, prepare_article
from newsbot.writer import Writer


def test_jobs_run_in_order_in_one_thread_that_is_not_the_callers() -> None:
    writer = Writer()
    seen: list[tuple[int, int]] = []
    futures = [
        writer.submit(lambda n: seen.append((n, threading.get_ident())) or n, n) for n in range(40)
    ]
    assert [f.result(timeout=10) for f in futures] == list(range(40))
    writer.close()
    assert [n for n, _ in seen] == list(range(40))
    threads = {ident for _, ident in seen}
    assert len(threads) == 1
    assert threading.get_ident() not in threads


def test_a_failed_job_hands_its_error_to_its_caller_and_the_next_jobs_run() -> None:
    writer = Writer()

    def boom() -> None:
        raise ValueError("disk full")

    failed = writer.submit(boom)
    after = writer.submit(lambda: "still written")
    with pytest.raises(ValueError, match="disk full"):
        failed.result(timeout=10)
    assert after.result(timeout=10) == "still written"
    writer.close()


def test_a_posted_job_that_fails_is_logged_in_one_line_and_counted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    writer = Writer()

    def boom() -> None:
        raise OSError("read-only file system")

    with caplog.at_level(logging.ERROR, logger="newsbot.writer"):
        writer.post(boom)
        writer.post(lambda: None)
        writer.drain()
    writer.close()
    assert writer.failed == 1
    assert [r.getMessage() for r in caplog.records] == [
        "a write failed: OSError: read-only file system"
    ]
    assert all(r.exc_info is None for r in caplog.records)


def test_drain_waits_for_every_job_given_before() -> None:
    writer = Writer()
    release = threading.Event()
    writer.post(release.wait, 10)
    drained = threading.Event()
    waiter = threading.Thread(target=lambda: (writer.drain(), drained.set()))
    waiter.start()
    assert not drained.wait(0.3)  # the first job still holds the writer
    release.set()
    assert drained.wait(10)
    waiter.join(10)
    writer.close()


def test_close_runs_what_is_queued_then_refuses_new_jobs() -> None:
    writer = Writer()
    release = threading.Event()
    done: list[str] = []
    writer.post(release.wait, 10)
    writer.post(done.append, "queued")
    threading.Timer(0.2, release.set).start()
    writer.close()
    assert done == ["queued"]
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(done.append, "late")


def test_an_inline_writer_runs_each_job_at_once_in_the_callers_thread() -> None:
    writer = Writer(threaded=False)
    ran_in = writer.submit(threading.get_ident)
    assert ran_in.done() and ran_in.result() == threading.get_ident()

    def boom() -> None:
        raise KeyError("id")

    failed = writer.submit(boom)
    assert failed.done() and isinstance(failed.exception(), KeyError)


class _Gate(str):
    """A body text whose comparison waits: the store compares it between the statements of
    an upsert (its row is written, its fingerprint not yet)."""

    entered: threading.Event
    release: threading.Event

    def __eq__(self, other: object) -> bool:
        self.entered.set()
        assert self.release.wait(10)
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_a_commit_from_another_thread_waits_for_the_write_under_way(tmp_path: Path) -> None:
    store = Store(tmp_path / "n.db")
    store.begin_batch(max_articles=1000, max_seconds=3600)
    item = article(id="A1", body_text="正文" * 80)
    gate = _Gate(item.body_text)
    gate.entered, gate.release = threading.Event(), threading.Event()
    item.prepared = dataclasses.replace(prepare_article(item), body_text=gate)
    writer = Writer()
    outcome = writer.submit(store.upsert_article, item)
    assert gate.entered.wait(10)  # the article's row is written, its fingerprint is not
    committer = threading.Thread(target=store.flush)
    committer.start()
    committer.join(0.3)
    assert committer.is_alive()  # the commit waits for the whole write
    gate.release.set()
    assert outcome.result(timeout=10) == "new"
    committer.join(10)
    writer.close()
    store.end_batch()
    store.close()
    with Store(tmp_path / "n.db") as again:
        assert again.count_articles() == 1
        queued = again.db.execute("SELECT article_id FROM fingerprint_queue").fetchall()
        assert queued == [("A1",)]


def test_opening_a_store_on_a_connection_another_thread_writes_through_waits(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "n.db")
    item = article(id="A1", body_text="正文" * 80)
    gate = _Gate(item.body_text)
    gate.entered, gate.release = threading.Event(), threading.Event()
    item.prepared = dataclasses.replace(prepare_article(item), body_text=gate)
    order: list[str] = []
    writer = Writer()
    outcome = writer.submit(lambda: order.append(store.upsert_article(item)))
    assert gate.entered.wait(10)  # between two statements of the write
    threading.Timer(0.3, gate.release.set).start()
    again = Store(tmp_path / "n.db")  # this thread's: the connection the writer uses
    order.append("opened")
    outcome.result(timeout=10)
    assert order == ["new", "opened"]  # its first statement waited for the whole write
    writer.close()
    again.close()
    store.close()


def test_room_is_the_job_whose_end_leaves_fewer_than_the_backlog_queued() -> None:
    writer = Writer(backlog=2)
    gate = threading.Event()
    jobs = [writer.submit(gate.wait, 10) for _ in range(4)]
    assert writer.pending == 4
    assert writer.room() is jobs[2]  # when it ends, only the fourth is left
    gate.set()
    jobs[3].result(timeout=10)
    assert writer.pending == 0
    assert writer.room() is None
    writer.close()


def test_room_never_waits_on_a_writer_without_a_thread_or_below_its_backlog() -> None:
    inline = Writer(threaded=False, backlog=1)
    inline.submit(lambda: None)
    assert (inline.pending, inline.room()) == (0, None)
    writer = Writer(backlog=3)
    gate = threading.Event()
    jobs = [writer.submit(gate.wait, 10) for _ in range(2)]
    assert writer.room() is None
    gate.set()
    jobs[-1].result(timeout=10)
    writer.close()
