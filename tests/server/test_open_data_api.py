"""The open data API over HTTP: JSON for anyone, its OpenAPI description, clear refusals."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from partner_app.http_endpoints import http_endpoints
from partner_app.models import NewsStatus
from partner_app.services.clock import today_in_krefeld
from tests.unit.factories import add_news


@pytest.fixture
def client(app_engine: Engine) -> Iterator[TestClient]:
    with Session(app_engine) as session:
        add_news(
            session,
            "entwurf-venlo",
            title="Entwurf",
            published_on=today_in_krefeld(),
            status=NewsStatus.draft,
            cities=("venlo",),
        )
        add_news(
            session,
            "morgen-venlo",
            title="Geplant",
            published_on=today_in_krefeld() + timedelta(days=1),
            cities=("venlo",),
        )
        session.commit()
    with TestClient(http_endpoints(), base_url="http://testserver") as test_client:
        yield test_client


def test_any_site_may_read_the_news_and_gets_public_items_only(client: TestClient) -> None:
    answer = client.get("/api/v1/nachrichten?stadt=venlo", headers={"Origin": "https://a.example"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["access-control-allow-origin"] == "*"
    slugs = [item["slug"] for item in answer.json()["items"]]
    assert slugs
    assert "entwurf-venlo" not in slugs
    assert "morgen-venlo" not in slugs
    for slug in ("entwurf-venlo", "morgen-venlo"):
        assert client.get(f"/api/v1/nachrichten/{slug}").status_code == 404


def test_a_news_item_and_a_partnership_by_their_slugs(client: TestClient) -> None:
    listed = client.get("/api/v1/nachrichten?pro_seite=1").json()
    assert listed["next_url"] == "http://testserver/api/v1/nachrichten?pro_seite=1&seite=2"
    slug = listed["items"][0]["slug"]
    item = client.get(f"/api/v1/nachrichten/{slug}").json()
    assert item["body_html"].startswith("<p>")
    assert item["url"] == f"http://testserver/nachrichten/{slug}"
    venlo = client.get("/api/v1/partnerschaften/venlo?lang=en").json()
    assert venlo["description_language"] == "en"
    assert venlo["country"] == {"code": "NL", "name": "Netherlands"}
    dunkirk = client.get("/api/v1/partnerschaften/duenkirchen?lang=en").json()
    assert (dunkirk["name"], dunkirk["name_language"]) == ("Dunkirk", "en")
    assert dunkirk["country"]["name"] == "France"
    german = client.get("/api/v1/partnerschaften/duenkirchen").json()
    assert (german["name"], german["country"]["name"]) == ("Dünkirchen", "Frankreich")
    assert client.get("/api/v1/partnerschaften/atlantis").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("stadt=atlantis", "„atlantis“ ist keine Partnerstadt"),
        ("stadt=atlantis&lang=en", "“atlantis” is not"),
        ("thema=zauberei", "zauberei"),
    ],
)
def test_unknown_filter_values_are_refused_with_a_reason(
    client: TestClient, query: str, message: str
) -> None:
    answer = client.get(f"/api/v1/nachrichten?{query}")
    assert answer.status_code == 422
    assert message in answer.json()["detail"]


@pytest.mark.parametrize("query", ["jahr=abc", "seite=0", "pro_seite=500", "lang=fr"])
def test_values_of_the_wrong_kind_are_refused(client: TestClient, query: str) -> None:
    assert client.get(f"/api/v1/nachrichten?{query}").status_code == 422


def test_the_openapi_description_documents_every_resource(client: TestClient) -> None:
    description = client.get("/api/v1/openapi.json").json()
    assert set(description["paths"]) == {
        "/partnerschaften",
        "/partnerschaften/{slug}",
        "/themen",
        "/nachrichten",
        "/nachrichten/{slug}",
    }
    assert description["servers"] == [{"url": "/api/v1"}]
    schemas = description["components"]["schemas"]
    assert "precision" in schemas["PartialDate"]["properties"]
    assert {"latitude", "longitude"} <= set(schemas["Location"]["properties"])
    # Nothing writes: GET only.
    assert {method for path in description["paths"].values() for method in path} == {"get"}
