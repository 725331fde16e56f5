# ruff: noqa: E501  (SQL floors and word lists read best on one line)
"""Benchmark: the public site (issue 17's figures).

At 2 000 articles × 14 languages and 10 000 services (bench/catalogue_generate.py): the article
page p95 <= 30 ms server time and <= 6 queries, search p95 <= 60 ms, the directory page p95
<= 50 ms; then ``--readers`` concurrent readers for ``--duration`` seconds against the site
served on loopback, with no errors.

Server time is the whole request through Django's middleware (the test client, no network).
Floors: the article page's reads as hand-written SQL (site, article with its published
languages, the source's revision, related services); the search's full-text match of the
reader's language as one hand-written SQL statement; the directory's first page of active
services with their names as one statement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_website KOTOPOLKU_ENV=development \\
        .venv/bin/python -m kotopolku prepare
    DATABASE_URL=... .venv/bin/python bench/catalogue_generate.py
    DATABASE_URL=... .venv/bin/python bench/website.py [--articles 2000] [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, measure, setup_django

# Words per language for generated article texts (a few dozen each, so that search words match
# a realistic share of the articles).
WORDS = {
    "fi": "asunto vero kela työ opiskelu perhe lapsi terveys oleskelulupa rekisteröinti pankki tili kieli kurssi "
    "neuvonta palvelu kunta asukas muutto suomi kotoutuminen yritys ajanvaraus lomake hakemus",
    "sv": "bostad skatt arbete studier familj barn hälsa uppehållstillstånd registrering bank konto språk kurs "
    "rådgivning tjänst kommun invånare flytt finland integration företag tidsbokning blankett ansökan",
    "en": "housing tax work study family child health permit registration bank account language course advice "
    "service municipality resident moving finland integration business appointment form application",
    "ru": "жильё налог работа учёба семья ребёнок здоровье разрешение регистрация банк счёт язык курс "
    "консультация услуга муниципалитет житель переезд финляндия интеграция бизнес запись форма заявление",
}


def _words(language: str) -> list[str]:
    return WORDS.get(language, WORDS["en"] if language not in ("fi-x-plain",) else WORDS["fi"]).split()


def generate(point, count: int) -> None:
    """``count`` published articles, each in all 14 languages, by bulk insert (idempotent)."""
    from kotopolku.articles.enums import TranslationStatus
    from kotopolku.articles.models import Article, ArticleTranslation
    from kotopolku.catalogue.models import Service
    from kotopolku.core.public_languages import PUBLIC_LANGUAGE_CODES

    existing = Article.objects.filter(service_point=point, slug__startswith="bench-").count()
    if existing >= count:
        return
    rng = random.Random(17)
    services = list(Service.objects.values_list("pk", flat=True)[:2000])
    situations = [
        "work",
        "family",
        "study",
        "international_protection",
        "temporary_protection",
        "business",
        "other",
    ]
    for start in range(existing, count, 200):
        batch = [
            Article(
                service_point=point,
                slug=f"bench-{n}",
                life_situation=rng.choice(situations),
                source_language="fi",
            )
            for n in range(start, min(start + 200, count))
        ]
        Article.objects.bulk_create(batch)
        batch = list(Article.objects.filter(slug__in=[a.slug for a in batch], service_point=point))
        rows = []
        for article in batch:
            for language in PUBLIC_LANGUAGE_CODES:
                words = _words(language)
                body = "\n\n".join(" ".join(rng.choices(words, k=60)) for _ in range(4))
                rows.append(
                    ArticleTranslation(
                        article=article, language=language, title=" ".join(rng.choices(words, k=4)),
                        summary=" ".join(rng.choices(words, k=12)), body=body,
                        status=TranslationStatus.PUBLISHED,
                        revision=2 if language == "fi" else 1,
                        source_revision=None if language == "fi" else rng.choice([1, 2, 2, 2]),
                    )
                )  # fmt: skip
        ArticleTranslation.objects.bulk_create(rows)
        through = Article.related_services.through
        through.objects.bulk_create(
            [through(article_id=a.pk, service_id=s) for a in batch for s in rng.sample(services, 3)]
        )
    from django.db import connection

    with connection.cursor() as cursor:  # the planner's statistics after a bulk insert
        cursor.execute(
            "ANALYZE articles_article, articles_articletranslation, articles_article_related_services"
        )
    print(f"generated {count - existing} articles × {len(PUBLIC_LANGUAGE_CODES)} languages", flush=True)


def floor_ms(sql: str, params: list[object], repeat: int = 100) -> float:
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples)[round(0.95 * len(samples)) - 1]


def _not_kept_and_kept(
    labels: tuple[str, str], page: Callable[..., None], floor: float, target_ms: float, repeat: int
) -> None:
    """A page's figure read fresh each time, then served from the 60 s cache."""
    for label, kept in zip(labels, (False, True), strict=True):
        result = measure(label, lambda i, kept=kept: page(i, kept=kept), repeat=repeat)
        print(result.line(floor_ms=floor, target_ms=target_ms), flush=True)


def _server(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    """The site on a real multi-process server: gunicorn (the bench dependency group, added to
    the environment by ``uv run``), ``workers`` processes of ``threads`` threads each, DEBUG off
    (as in production: no query log kept per request)."""
    command = [
        str(ROOT / ".tools/bin/uv"), "run", "--frozen", "--group", "bench", "gunicorn", "kotopolku.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
        "--backlog", "2048", "--timeout", "60", "--log-level", "warning",
    ]  # fmt: skip
    environment = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=sys.stderr,
        start_new_session=True,
    )


def concurrent_readers(
    urls: list[str], *, readers: int, duration: float, port: int, workers: int, threads: int
) -> None:
    server = _server(port, workers, threads)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        for url in set(urls[:: max(1, len(urls) // 20)]):  # each worker's first requests warm it
            urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=30).read()
        counts = {"ok": 0, "errors": 0}
        latencies: list[float] = []
        lock = threading.Lock()
        stop = time.monotonic() + duration

        def reader(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop:
                url = f"http://127.0.0.1:{port}{rng.choice(urls)}"
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        response.read()
                        ok = response.status == 200
                except (urllib.error.URLError, OSError):
                    ok = False
                with lock:
                    counts["ok" if ok else "errors"] += 1
                    latencies.append((time.perf_counter() - started) * 1000)

        reader_threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
        for thread in reader_threads:
            thread.start()
        for thread in reader_threads:
            thread.join()
        ordered = sorted(latencies)
        p95 = ordered[round(0.95 * len(ordered)) - 1] if ordered else 0.0
        print(
            f"{readers} concurrent readers for {duration:g}s (gunicorn, {workers} workers × {threads} threads, loopback): requests={counts['ok'] + counts['errors']} "
            f"errors={counts['errors']} throughput={len(latencies) / duration:.0f}/s client p95={p95:.0f}ms "
            f"{'meets' if counts['errors'] == 0 else 'MISSES'} 0 errors",
            flush=True,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # uv and the gunicorn processes it started
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--port", type=int, default=8917)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--only",
        choices=["all", "article", "search", "directory", "readers"],
        default="all",
        help="one figure alone (readers: the concurrent run)",
    )
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test import Client

    from kotopolku.articles.models import Article, ArticleTranslation
    from kotopolku.catalogue.models import Service
    from kotopolku.website.models import Site

    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.select_related("service_point").filter(is_published=True).first()
    if site is None:
        sys.exit("No published site: run `python -m kotopolku prepare` first.")
    point = site.service_point
    generate(point, args.articles)
    services = Service.objects.count()
    translations = ArticleTranslation.objects.count()
    print(
        f"data: {Article.objects.count()} articles, {translations} language versions, {services} services",
        flush=True,
    )
    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(1)
    languages = ["fi", "en", "ru", "ar", "so", "fi-x-plain", "zh"]
    slugs = [f"bench-{n}" for n in range(args.articles)]

    if args.only == "readers":
        urls = [
            f"/{point.slug}/{languages[n % len(languages)]}/articles/{slugs[n]}/"
            for n in range(0, len(slugs), 7)
        ]
        urls += [f"/{point.slug}/en/services/", f"/{point.slug}/fi/search/?q=asunto", f"/{point.slug}/ar/"]
        concurrent_readers(
            urls,
            readers=args.readers,
            duration=args.duration,
            port=args.port,
            workers=args.workers,
            threads=args.threads,
        )
        return

    def article(i: int) -> None:
        response = client.get(f"/{point.slug}/{languages[i % len(languages)]}/articles/{rng.choice(slugs)}/")
        assert response.status_code == 200, response.status_code

    def wanted(part: str) -> bool:
        return args.only in ("all", part)

    fresh = iter(range(10**9))  # a parameter the page ignores: a key never kept before

    if wanted("article"):
        article_floor = floor_ms(
            "SELECT s.id FROM website_site s JOIN organisations_servicepoint p ON p.id = s.service_point_id "
            "WHERE p.slug = %s; "
            "SELECT a.id, t.title, t.body, t.revision, t.source_revision, "
            "(SELECT revision FROM articles_articletranslation x WHERE x.article_id = a.id AND x.language = 'fi') "
            "FROM articles_article a JOIN articles_articletranslation t ON t.article_id = a.id "
            "WHERE a.service_point_id = %s AND a.slug = %s AND t.status = 'published'",
            [point.slug, point.pk, "bench-7"],
        )
        print(
            measure("article page", article, repeat=args.repeat).line(floor_ms=article_floor, target_ms=30),
            flush=True,
        )

    if wanted("search"):
        searches = [
            ("fi", "asunto"),
            ("en", "tax card"),
            ("ru", "налог"),
            ("sv", "bostad"),
            ("so", "housing"),
            ("fi", "oleskelulupa"),
        ]

        def search(i: int, kept: bool = False) -> None:
            language, text = searches[i % len(searches)]
            query = {"q": text} if kept else {"q": text, "n": next(fresh)}
            assert client.get(f"/{point.slug}/{language}/search/", query).status_code == 200

        search_floor = floor_ms(
            "SELECT t.id, t.title FROM articles_articletranslation t JOIN articles_article a ON a.id = t.article_id "
            "WHERE t.search_document @@ to_tsquery('finnish'::regconfig, %s) AND t.language = 'fi' "
            "AND t.status = 'published' AND a.service_point_id = %s ORDER BY t.title LIMIT 50",
            ["'asunto':*", point.pk],
        )
        _not_kept_and_kept(
            ("search, page not kept", "search, kept page"), search, search_floor, 60, args.repeat
        )

    if wanted("directory"):
        directory_queries = [{}, {"situation": "work"}, {"q": "kela"}, {"language": "ru"}, {"page": "3"}]

        def directory(i: int, kept: bool = False) -> None:
            query = {**directory_queries[i % len(directory_queries)], **({} if kept else {"n": next(fresh)})}
            assert client.get(f"/{point.slug}/en/services/", query).status_code == 200

        directory_floor = floor_ms(
            "SELECT s.id, t.name FROM catalogue_service s JOIN catalogue_servicetranslation t ON t.service_id = s.id "
            "WHERE s.status = 'active' AND t.language = 'en' ORDER BY s.updated_at DESC LIMIT 20",
            [],
        )
        _not_kept_and_kept(
            ("directory page, not kept", "directory page, kept"), directory, directory_floor, 50, args.repeat
        )

        def open_now(i: int) -> None:
            query = {"open_now": "on", "n": next(fresh)}
            assert client.get(f"/{point.slug}/en/services/", query).status_code == 200

        print(
            measure("directory page, open now", open_now, repeat=max(20, args.repeat // 10)).line(
                target_ms=50
            ),
            flush=True,
        )

    if args.only != "all":
        return
    urls = [
        f"/{point.slug}/{languages[n % len(languages)]}/articles/{slugs[n]}/" for n in range(0, len(slugs), 7)
    ]
    urls += [f"/{point.slug}/en/services/", f"/{point.slug}/fi/search/?q=asunto", f"/{point.slug}/ar/"]
    concurrent_readers(
        urls,
        readers=args.readers,
        duration=args.duration,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
    )


if __name__ == "__main__":
    main()
