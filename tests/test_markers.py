"""Field markers: references and allowed values are declared on the models and read from there."""

from __future__ import annotations

import pytest

from generator.records.ids import ID_PATTERN
from generator.records.kinds import BY_FOLDER, KINDS
from generator.records.loading import load
from generator.records.models import Agreement, Policy, QuarterlyReport
from generator.records.models.markers import ChoiceMarker, RefMarker, marked, model_classes, values_at, values_under
from generator.records.schema import schemas
from tests.support import ROOT


def _properties(node, path=""):
    """(dotted path, spec) for every property in a schema, $defs included."""
    for key, spec in node.get("properties", {}).items():
        yield f"{path}{key}", spec
        if "items" in spec:
            yield f"{path}{key}[]", spec["items"]
    for name, definition in node.get("$defs", {}).items():
        yield from _properties(definition, f"{name}.")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_record_id_field_names_the_folder_it_refers_to(kind):
    for path, spec in _properties(schemas()[kind]):
        if spec.get("pattern") == ID_PATTERN:
            assert spec.get("x-gaoxin-ref") in BY_FOLDER, f"{kind}: {path} holds an id but no Ref marker"


def test_every_marker_names_a_folder_or_a_policy_list():
    policy = load(ROOT / "records")[0].policy
    for kind in KINDS.values():
        for model in model_classes(kind.model):
            for _, marker in marked(model, RefMarker):
                assert marker.folder in BY_FOLDER
            for _, marker in marked(model, ChoiceMarker):
                assert marker.policy in Policy.model_fields or marker.values
                assert marker.allowed(policy), marker


def marked_values(record, marker_type: type) -> list[tuple[tuple, object, object]]:
    """(loc, value, marker) for every value of `record` under a `marker_type` field, as the rules read them."""
    return [(loc, value, marker) for path, marker in marked(type(record), marker_type)
            for loc, value in values_at(record, path)]


def test_marked_values_are_located_as_the_file_writes_them():
    report = QuarterlyReport.model_validate({
        "submitted": "2026-04-01", "summary": "x",
        "work": [{"duty": "技术难题", "title": "a"}, {"duty": "成果转化", "title": "b"}]})
    assert [(loc, value) for loc, value, _ in marked_values(report, ChoiceMarker)] == [
        (("work", 0, "duty"), "技术难题"), (("work", 1, "duty"), "成果转化")]
    assert values_under(report, ("work", "[]", "duty")) == ["技术难题", "成果转化"]


def test_a_list_of_references_yields_each_item():
    agreement = Agreement.model_validate({
        "doctor": "d1", "enterprise": "e1", "position": "科技副总", "start": "2026-03-01", "end": "2027-02-28",
        "signed": "2026-02-20", "filing": {"number": "1", "date": "2026-02-25"}, "focus": "x", "mode": "y",
        "coordinator": "z", "needs": ["n1", "n2"]})
    assert [(loc, value, marker.folder) for loc, value, marker in marked_values(agreement, RefMarker)] == [
        (("doctor",), "d1", "doctors"), (("enterprise",), "e1", "enterprises"),
        (("needs", 0), "n1", "needs"), (("needs", 1), "n2", "needs")]
    # the rules' first look: the same values, without their locs
    for record, marker_type in ((agreement, RefMarker), (agreement.model_copy(update={"needs": None}), RefMarker)):
        for path, _ in marked(type(record), marker_type):
            assert values_under(record, path) == [value for _, value in values_at(record, path)]


def test_the_import_template_offers_every_marked_list_as_a_drop_down():
    import io

    from openpyxl import load_workbook

    from generator.documents.template import template_bytes
    from generator.records.columns import kind_columns

    policy = load(ROOT / "records")[0].policy
    for kind in ("doctor", "enterprise", "agreement", "report", "need", "evaluation"):
        sheet = load_workbook(io.BytesIO(template_bytes(kind, policy, policy.effective_date))).active
        offered = {"".join(str(v) for v in rule.formula1.split(",")) for rule in sheet.data_validations.dataValidation}
        for column in kind_columns(kind).columns:
            if column.policy:
                assert any(policy.listed(column.policy)[0] in text for text in offered), (kind, column.key)
