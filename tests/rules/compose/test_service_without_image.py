"""LK619 service-without-image."""

import pytest

from tests.rules.compose.structure_support import messages, where, where_file, write

RULE = "service-without-image"


def test_flags():
    text = "services:\n  web:\n    image: x:1\n  worker:\n    command: [run]\n"
    assert where(text, RULE) == [(4, 3, 4, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  web:\n    image: x:1\n  b:\n    build: .\n",
        "services:\n  m:\n    provider:\n      type: model\n",
        "x-base: &base\n  image: x:1\nservices:\n  web:\n    <<: *base\n",
        "services:\n  base:\n    image: x:1\n  web:\n    extends: base\n",
        "services:\n  web:\n    extends:\n      service: missing\n",  # another rule
        "web:\n  command: [x]\n",  # legacy
    ],
)
def test_leaves_alone(text):
    assert where(text, RULE) == []


def test_image_from_override_counts(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    ports: ['80:80']\n",
            "compose.override.yaml": "services:\n  web:\n    image: x:1\n",
        },
    )
    assert where_file(tmp_path, "compose.yaml", RULE) == []


def test_partial_override_is_not_asked_for_an_image(tmp_path):
    write(
        tmp_path,
        {
            "compose.yaml": "services:\n  web:\n    image: x:1\n",
            "compose.override.yaml": "services:\n  web:\n    ports: ['80:80']\n",
        },
    )
    assert where_file(tmp_path, "compose.override.yaml", RULE) == []
    # and an override without its main file is a fragment
    (tmp_path / "compose.yaml").unlink()
    assert where_file(tmp_path, "compose.override.yaml", RULE) == []


def test_variant_file_beside_the_main_file_is_an_overlay(tmp_path):
    write(
        tmp_path,
        {
            "docker-compose.yml": "services:\n  web:\n    image: x:1\n",
            "docker-compose.prod.yml": "services:\n  web:\n    restart: always\n",
        },
    )
    assert where_file(tmp_path, "docker-compose.prod.yml", RULE) == []


def test_dev_container_overlay(tmp_path):
    write(
        tmp_path,
        {
            "docker-compose.yml": "services:\n  app:\n    image: x:1\n",
            ".devcontainer/devcontainer.json": '{\n  // overlay\n  "dockerComposeFile": [\n'
            '    "../docker-compose.yml",\n    "docker-compose.yml"\n  ]\n}\n',
            ".devcontainer/docker-compose.yml": "services:\n  app:\n    command: sleep infinity\n",
        },
    )
    assert where_file(tmp_path, ".devcontainer/docker-compose.yml", RULE) == []


def test_file_other_files_extend_from_is_a_library_of_templates(tmp_path):
    write(
        tmp_path,
        {
            "base-services.yaml": "services:\n  common:\n    restart: always\n"
            "  server:\n    extends: common\n  unused:\n    restart: always\n",
            "docker-compose.prod.yaml": "services:\n  app:\n    extends:\n"
            "      file: base-services.yaml\n      service: server\n    image: x:1\n",
        },
    )
    assert where_file(tmp_path, "base-services.yaml", RULE) == []
    # without the file that extends from it, it is an ordinary compose file
    (tmp_path / "docker-compose.prod.yaml").unlink()
    assert where_file(tmp_path, "base-services.yaml", RULE) == [
        ("base-services.yaml", 2, 3, 2, 9),
        ("base-services.yaml", 6, 3, 6, 9),
    ]


def test_overlay_in_a_subfolder_of_the_main_file(tmp_path):
    # used as ``-f docker-compose.yml -f proxy/docker-compose.proxy.yml``
    write(
        tmp_path,
        {
            "docker-compose.yml": "services:\n  app:\n    image: x:1\n",
            "proxy/docker-compose.proxy.yml": "services:\n  proxy:\n    image: p:1\n"
            "  app:\n    labels:\n      proxy.host: example.com\n  stray:\n"
            "    labels:\n      a: b\n",
        },
    )
    assert where_file(tmp_path, "proxy/docker-compose.proxy.yml", RULE) == [
        ("docker-compose.proxy.yml", 7, 3, 7, 8)
    ]


def test_messages(snapshot):
    snapshot.assert_match(
        messages("services:\n  worker:\n    command: [x]\n", RULE), "messages.txt"
    )
