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


def test_overlay_of_a_service_defined_above_in_any_compose_file(tmp_path):
    write(
        tmp_path,
        {
            "docker-compose.base.yml": "services:\n  app:\n    image: x:1\n",
            "deploy/prod/compose.yml": "services:\n  app:\n    restart: always\n"
            "  stray:\n    restart: always\n",
        },
    )
    assert where_file(tmp_path, "deploy/prod/compose.yml", RULE) == [("compose.yml", 4, 3, 4, 8)]


def test_file_using_a_resource_only_a_file_above_defines_is_a_fragment(tmp_path):
    # run as ``-f suites/compose.yml -f suites/ldap/compose.yml -f ...``
    write(
        tmp_path,
        {
            "suites/compose.yml": "services:\n  proxy:\n    image: p:1\nnetworks:\n  testnet: {}\n",
            "suites/ldap/compose.yml": "services:\n  ldap:\n    image: l:1\n"
            "    networks: [testnet]\n  backend:\n    depends_on: [ldap]\n",
        },
    )
    assert where_file(tmp_path, "suites/ldap/compose.yml", RULE) == []


@pytest.mark.parametrize(
    "ldap",
    [
        # the file defines the network itself: it does not need the file above
        "services:\n  ldap:\n    image: l:1\n    networks: [testnet]\n"
        "  backend:\n    depends_on: [ldap]\nnetworks:\n  testnet: {}\n",
        # it uses only a network nothing above defines
        "services:\n  ldap:\n    image: l:1\n    networks: [othernet]\n"
        "  backend:\n    depends_on: [ldap]\n",
        # the built-in default network ties it to nothing
        "services:\n  ldap:\n    image: l:1\n    networks: [default]\n"
        "  backend:\n    depends_on: [ldap]\n",
    ],
)
def test_file_not_tied_to_the_file_above_is_checked(tmp_path, ldap):
    write(
        tmp_path,
        {
            "suites/compose.yml": "services:\n  proxy:\n    image: p:1\nnetworks:\n"
            "  testnet: {}\n  default:\n    name: shared\n",
            "suites/ldap/compose.yml": ldap,
        },
    )
    assert where_file(tmp_path, "suites/ldap/compose.yml", RULE) == [("compose.yml", 5, 3, 5, 10)]


def test_file_below_a_base_of_shared_resources_is_a_fragment(tmp_path):
    # the base defines no service: it is only ever run with the files below it
    write(
        tmp_path,
        {
            "suites/compose.yml": "networks:\n  testnet: {}\n",
            "suites/Standalone/compose.yml": "services:\n  backend:\n"
            "    volumes: ['./Standalone/config.yml:/config.yml']\n",
        },
    )
    assert where_file(tmp_path, "suites/Standalone/compose.yml", RULE) == []
    # a file above with services is no such base
    (tmp_path / "suites/compose.yml").write_text(
        "services:\n  proxy:\n    image: p:1\nnetworks:\n  testnet: {}\n", encoding="utf-8"
    )
    assert where_file(tmp_path, "suites/Standalone/compose.yml", RULE) == [
        ("compose.yml", 2, 3, 2, 10)
    ]


def test_base_above_the_project_root_does_not_count(tmp_path):
    write(
        tmp_path,
        {
            "compose.yml": "networks:\n  testnet: {}\n",
            "app/compose.yml": "services:\n  backend:\n    restart: always\n",
        },
    )
    assert where_file(tmp_path / "app", "compose.yml", RULE) == [("compose.yml", 2, 3, 2, 10)]


def test_messages(snapshot):
    snapshot.assert_match(
        messages("services:\n  worker:\n    command: [x]\n", RULE), "messages.txt"
    )
