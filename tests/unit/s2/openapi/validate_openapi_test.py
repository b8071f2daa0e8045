#!/usr/bin/env python3
"""Shows that validate_openapi.py catches each kind of mistake it claims to catch, by breaking a
copy of docs/openapi.json in one way at a time.

Usage: validate_openapi_test.py <openapi.json> <openapi-3.0 meta-schema>
"""
import copy
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate_openapi as v  # noqa: E402

DOC_PATH, META_PATH = None, None


def problems(doc, meta):
    found = list(v.check_meta_schema(doc, meta)) + list(v.check_references(doc))
    if not found:
        found += v.check_path_parameters(doc)
        found += v.check_operation_ids(doc)
        found += v.check_examples(doc)
    return found


class ValidateOpenApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(DOC_PATH, encoding="utf-8") as f:
            cls.doc = json.load(f)
        with open(META_PATH, encoding="utf-8") as f:
            cls.meta = json.load(f)

    def broken(self, change):
        doc = copy.deepcopy(self.doc)
        change(doc)
        return problems(doc, self.meta)

    def assert_caught(self, change, words):
        found = self.broken(change)
        self.assertTrue(any(words in line for line in found), f"{words!r} not in {found}")

    def test_the_document_as_shipped_has_no_problem(self):
        self.assertEqual(problems(self.doc, self.meta), [])

    def test_an_operation_without_responses_breaks_the_meta_schema(self):
        self.assert_caught(lambda d: d["paths"]["/health"]["get"].pop("responses"),
                           "meta-schema")

    def test_a_wrong_openapi_version_breaks_the_meta_schema(self):
        self.assert_caught(lambda d: d.update(openapi="3.1.0"), "meta-schema")

    def test_an_invalid_regex_pattern_breaks_the_meta_schema_format(self):
        self.assert_caught(
            lambda d: d["components"]["schemas"]["Currency"].update(pattern="^[A-Z{3}$"),
            "meta-schema")

    def test_a_dangling_reference_is_reported(self):
        self.assert_caught(
            lambda d: d["components"]["schemas"]["Order"]["properties"]["total"].update(
                {"$ref": "#/components/schemas/Nowhere"}),
            "does not resolve")

    def test_an_unused_component_is_reported(self):
        self.assert_caught(lambda d: d["components"]["schemas"].update(Orphan={"type": "string"}),
                           "schemas/Orphan is never referenced")

    def test_an_undeclared_path_parameter_is_reported(self):
        def rename(d):
            d["paths"]["/books/{book_id}"] = d["paths"].pop("/books/{id}")
        self.assert_caught(rename, "path parameter book_id is not declared")

    def test_a_repeated_operation_id_is_reported(self):
        self.assert_caught(
            lambda d: d["paths"]["/stats"]["get"].update(operationId="getHealth"),
            "operationId getHealth")

    def test_an_example_that_breaks_its_schema_is_reported(self):
        self.assert_caught(
            lambda d: d["components"]["schemas"]["NewOrder"]["example"].update(customer_id="17"),
            "example: #/components/schemas/NewOrder")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    DOC_PATH, META_PATH = sys.argv[1], sys.argv[2]
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
