"""Scoring a sweep's pairs on every core: the scorer is prepared once, then forked (the children
read the prepared records where they lie, nothing is copied or pickled), each child scoring its
share of the pairs and sending back what it found, a chunk at a time.

Pairs go to the children by their pair of names, so that each pair of names is compared in one
process only. A child never touches the database: the parent reports progress and writes."""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from kotopolku.clients.matching.batch import BatchCounts, BatchScorer, Explained

# Below this many pairs starting processes costs more than it saves.
PARALLEL_FROM = 20_000


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def score_pairs(
    scorer: BatchScorer,
    pairs: Sequence[tuple[int, int]],
    *,
    processes: int,
    chunk: int,
    progress: Callable[[int], None],
) -> list[Explained]:
    """The pairs at the scorer's threshold or above, with their reasons; ``progress`` gets the
    number of pairs scored so far after each chunk. ``scorer.counts`` holds the counts of all
    processes afterwards."""
    if processes <= 1 or len(pairs) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return _score_here(scorer, pairs, chunk, progress)
    shares: list[list[tuple[int, int]]] = [[] for _ in range(processes)]
    for pair in pairs:
        shares[scorer.name_pair_hash(*pair) % processes].append(pair)
    context = multiprocessing.get_context("fork")
    readers, children = [], []
    for share in shares:
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(scorer, share, chunk, writer), daemon=True)
        child.start()
        writer.close()
        readers.append(reader)
        children.append(child)
    found: list[Explained] = []
    done = 0
    counts = BatchCounts()
    try:
        open_readers = list(readers)
        while open_readers:
            for ready in wait(open_readers):
                reader = readers[readers.index(ready)]  # type: ignore[arg-type]
                kind, payload = _receive(reader)
                if kind == "found":
                    scored, part = payload
                    found.extend(part)
                    done += scored
                    progress(done)
                elif kind == "counts":
                    counts.pairs += payload.pairs
                    counts.names_compared += payload.names_compared
                    counts.name_pairs += payload.name_pairs
                    open_readers.remove(reader)
                else:
                    raise RuntimeError(f"scoring failed in a child process:\n{payload}")
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
    scorer.counts = counts
    return found


def _receive(reader: Connection) -> tuple[str, Any]:
    try:
        return reader.recv()  # type: ignore[no-any-return]
    except EOFError:
        return "error", "the child process ended without its results"


def _score_here(
    scorer: BatchScorer, pairs: Sequence[tuple[int, int]], chunk: int, progress: Callable[[int], None]
) -> list[Explained]:
    found: list[Explained] = []
    for start in range(0, len(pairs), chunk):
        found.extend(scorer.explained(scorer.scored(pairs[start : start + chunk])))
        progress(min(len(pairs), start + chunk))
    return found


def _child(scorer: BatchScorer, pairs: list[tuple[int, int]], chunk: int, writer: Connection) -> None:
    try:
        for start in range(0, len(pairs), chunk):
            part = pairs[start : start + chunk]
            writer.send(("found", (len(part), scorer.explained(scorer.scored(part)))))
        writer.send(("counts", scorer.counts))
    except BaseException:  # the parent raises it
        writer.send(("error", traceback.format_exc()))
    finally:
        writer.close()
