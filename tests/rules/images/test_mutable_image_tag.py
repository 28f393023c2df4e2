import pytest

from tests.conftest import lint, spans

RULE = ["mutable-image-tag"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python\n", [(1, 6, 1, 12)]),
        ("FROM python:latest AS build\n", [(1, 6, 1, 19)]),
        ("FROM --platform=$BUILDPLATFORM node\n", [(1, 32, 1, 36)]),
        ("ARG BASE=python\nFROM $BASE\n", [(2, 6, 2, 11)]),
        ("ARG BASE=python\nFROM ${BASE}\n", [(2, 6, 2, 13)]),
        ("FROM alpine:3.20\nCOPY --from=busybox /bin/sh /sh\n", [(2, 13, 2, 20)]),
        (
            "FROM alpine:3.20\nRUN --mount=type=bind,from=golang:latest,target=/go true\n",
            [(2, 28, 2, 41)],
        ),
        ("FROM registry.example.com:5000/team/app\n", [(1, 6, 1, 40)]),
        # A plain `--from` word that is no stage fires when it names an official image.
        ("FROM alpine:3.20\nCOPY --from=golang /usr/local/go /go\n", [(2, 13, 2, 19)]),
        ("FROM alpine:3.20\nRUN --mount=from=node,target=/n true\n", [(2, 18, 2, 22)]),
        # A name with a namespace or a registry is a published image.
        ("FROM alpine:3.20\nCOPY --from=acme/templates /a /a\n", [(2, 13, 2, 27)]),
        ("FROM acme/templates\n", [(1, 6, 1, 20)]),
        ("FROM registry.example.com/templates:latest\n", [(1, 6, 1, 43)]),
        # A plain official name in FROM, untagged or `latest`.
        ("FROM node\n", [(1, 6, 1, 10)]),
        ("FROM golang:latest\n", [(1, 6, 1, 19)]),
    ],
)
def test_flags(text, expected):
    assert [s[1:] for s in spans(lint(text, "dockerfile", RULE))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM scratch\n",
        "FROM python:3.12-slim\n",
        "FROM python@sha256:0123456789abcdef\n",
        "FROM python:latest@sha256:0123456789abcdef\n",
        "FROM golang:1.23 AS build\nFROM build\n",
        "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /app /app\n",
        "FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=0 /app /app\n",
        "ARG BASE\nFROM $BASE\n",
        "FROM ${BASE:-python:3.12}\n",
        "ARG TAG=3.12\nFROM python:$TAG\n",
        "FROM registry.example.com:5000/team/app:1.0\n",
        "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\n",
        # Plain `--from` words that are no stage and no official image: a named build context
        # (`--build-context templates=...`) or a stage of a file joined in front at build time.
        "FROM alpine:3.20\nCOPY --from=templates /redis.yml /etc/redis.yml\n",
        "FROM alpine:3.20\nCOPY --from=tool_builder /tool/tools.tar.gz /usr/local/bin\n",
        "FROM alpine:3.20\nRUN --mount=type=bind,from=templates,target=/t cat /t/a.yml\n",
        # Plain names that are no official image: Docker Hub has nothing to pin, the image is
        # built locally first (a compose service's `build:` with that `image:`).
        "FROM app-base\n",
        "FROM app-base:latest\n",
        "ARG BASE=app-base\nFROM $BASE\n",
        "FROM alpine:3.20\nCOPY --from=templates:latest /a /a\n",
    ],
)
def test_leaves_alone(text):
    assert lint(text, "dockerfile", RULE) == []


def test_compose_flags_untagged_and_latest_but_not_built_images():
    text = (
        "services:\n"
        "  web:\n"
        "    image: nginx\n"
        "  db:\n"
        "    image: 'postgres:latest'\n"
        "  app:\n"
        "    build: .\n"
        "    image: myapp\n"
        "  cache:\n"
        "    image: ${CACHE_IMAGE:-redis}\n"
        "  other:\n"
        "    image: ${OTHER_IMAGE}\n"
        "  pinned:\n"
        "    image: redis:7.4@sha256:abc\n"
    )
    found = lint(text, "compose", RULE, path="compose.yaml")
    assert [s[1:] for s in spans(found)] == [(3, 12, 3, 17), (5, 12, 5, 29), (10, 12, 10, 33)]


def test_compose_image_shared_through_an_anchor_is_reported_once():
    text = (
        "services:\n"
        "  web: &app\n"
        "    image: example/app:latest\n"
        "  worker:\n"
        "    <<: *app\n"
        "    command: [work]\n"
        "  built:\n"
        "    <<: *app\n"
        "    build: .\n"
    )
    found = lint(text, "compose", RULE, path="compose.yaml")
    assert [s[1:] for s in spans(found)] == [(3, 12, 3, 30)]
    assert found[0].message.startswith("Services 'web', 'worker': image 'example/app:latest'")


def test_messages(snapshot):
    dockerfile = "ARG BASE=python\nFROM $BASE AS build\nFROM node:latest\n"
    compose = "services:\n  web:\n    image: nginx\n"
    messages = [d.message for d in lint(dockerfile, "dockerfile", RULE)]
    messages += [d.message for d in lint(compose, "compose", RULE, path="compose.yaml")]
    snapshot.assert_match("\n".join(messages) + "\n", "messages.txt")


def test_suppression_comments():
    text = (
        "# lintkit: ignore=mutable-image-tag\nFROM python\n"
        "# hadolint ignore=DL3007\nFROM node:latest\nFROM ruby\n"
    )
    assert [s[1] for s in spans(lint(text, "dockerfile", RULE))] == [5]


def test_suggestion_keeps_the_registry_written_in_the_reference():
    # Dropping 'ghcr.io/' or 'lscr.io/' would point the user at a Docker Hub image instead.
    dockerfile = "FROM ghcr.io/acme/tool:latest\nCOPY --from=quay.io/org/helper /x /x\n"
    compose = "services:\n  ide:\n    image: lscr.io/linuxserver/code-server:latest\n"
    messages = [d.message for d in lint(dockerfile, "dockerfile", RULE)]
    messages += [d.message for d in lint(compose, "compose", RULE, path="compose.yaml")]
    assert [m.split("such as ")[1].split(" (")[0] for m in messages] == [
        "'ghcr.io/acme/tool:<version>'",
        "'quay.io/org/helper:<version>'",
        "'lscr.io/linuxserver/code-server:<version>'",
    ]


def test_message_for_a_plain_from_word_says_why_it_is_an_image():
    text = "FROM alpine:3.20\nCOPY --from=busybox /bin/busybox /bin/\n"
    [diagnostic] = lint(text, "dockerfile", RULE)
    assert diagnostic.message == (
        "Image 'busybox' (no stage has that name, so it is taken as the official image) has no "
        "tag, so means 'latest'; pin a version such as 'busybox:<version>' (or a digest) so "
        "every build uses the same image"
    )
