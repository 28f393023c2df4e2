import pytest

from tests.rules.dockerfile._run_helpers import found, messages

RULE = "unpinned-go-install"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM golang:1.23\nRUN go install golang.org/x/tools/gopls\n", [(2, 16, 2, 40)]),
        (
            "FROM golang:1.23\nRUN go install -ldflags '-s -w' github.com/a/b@latest\n",
            [(2, 33, 2, 54)],
        ),
        ("FROM golang:1.23\nRUN go run github.com/a/b arg1\n", [(2, 12, 2, 26)]),
        # Go 1.11 brought modules: only older official images are GOPATH-only.
        ("FROM golang:1.11\nRUN go get github.com/a/b\n", [(2, 12, 2, 26)]),
        ("FROM golang:1.21-alpine\nRUN go install github.com/a/b\n", [(2, 16, 2, 30)]),
        ("FROM golang\nRUN go install github.com/a/b\n", [(2, 16, 2, 30)]),
        ("FROM golang:alpine\nRUN go install github.com/a/b\n", [(2, 16, 2, 30)]),
        ("FROM golang:1.100\nRUN go install github.com/a/b\n", [(2, 16, 2, 30)]),
        ("FROM example.com/golang:1.10\nRUN go install github.com/a/b\n", [(2, 16, 2, 30)]),
    ],
)
def test_flags(text, expected):
    assert found(text, RULE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM golang:1.23\nRUN go install github.com/a/b@v1.2.3\n",
        "FROM golang:1.23\nRUN go install ./... && go build -o /app .\n",
        "FROM golang:1.23\nRUN go run main.go github.com/x/y\n",
        "FROM golang:1.23\nRUN go install cmd/app $PKG\n",
        "FROM golang:1.23\nENV GO111MODULE=off\nRUN go get github.com/a/b\n",
        "FROM golang:1.10\nRUN go get github.com/a/b\nWORKDIR /go/src/github.com/a/b\n",
        # Images before Go 1.11 have no modules, so `@version` cannot be written.
        "FROM golang:1.10.0\nRUN go get github.com/codegangsta/negroni github.com/gorilla/mux\n",
        "FROM golang:1.9-alpine\nRUN go get github.com/a/b\n",
        "FROM docker.io/library/golang:1.8\nRUN go get github.com/a/b\n",
        "FROM golang:1.10 AS base\nFROM base\nRUN go get github.com/a/b\n",
    ],
)
def test_leaves_alone(text):
    assert found(text, RULE) == []


def test_messages(snapshot):
    texts = [
        "FROM golang:1.23\n"
        "RUN go install golang.org/x/tools/gopls@latest && go get github.com/a/b\n"
    ]
    snapshot.assert_match(messages(texts, RULE), "messages.txt")
