"""datapackage.json is the one place that knows the schema; it must agree with the code."""

from fiscal.schema import descriptor
from fiscal.vocabulary import NARRATIVE, PROJECT_COLUMNS, TABLE_KINDS, THREE_PUBLIC_ITEMS


def test_table_enums_list_every_table_kind_of_the_vocabulary() -> None:
    """Every table field allows the table kinds; a finding may also be the narrative's."""
    keys = sorted(TABLE_KINDS)
    enums = {
        resource["name"]: field["constraints"]["enum"]
        for resource in descriptor()["resources"]
        for field in resource["schema"]["fields"]
        if field["name"] == "table" and "enum" in field.get("constraints", {})
    }
    assert enums.pop("findings") == [*keys, NARRATIVE]
    assert enums and all(enum == keys for enum in enums.values())


def test_tidy_resources_have_a_field_for_every_column_key() -> None:
    fields = {
        r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in descriptor()["resources"]
    }
    assert set(PROJECT_COLUMNS) <= fields["project_spending"]
    item = next(f for f in descriptor()["resources"] if f["name"] == "three_public")
    enum = next(f for f in item["schema"]["fields"] if f["name"] == "item")["constraints"]["enum"]
    assert sorted(enum) == sorted(THREE_PUBLIC_ITEMS)


def test_every_resource_and_field_is_described_in_both_languages() -> None:
    for resource in descriptor()["resources"]:
        assert " / " in resource["title"], resource["name"]
        for field in resource["schema"]["fields"]:
            assert field.get("title") and field.get("description"), (resource["name"], field)
