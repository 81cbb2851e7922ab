/* check_main.c - runs every unit suite. */
#include <stdlib.h>
#include <check.h>
#include "check_suites.h"

int main(void)
{
	SRunner *sr = srunner_create(answers_suite());
	int failed;

	srunner_add_suite(sr, assign_suite());
	srunner_add_suite(sr, cases_suite());
	srunner_add_suite(sr, catalog_suite());
	srunner_add_suite(sr, catalog_info_suite());
	srunner_add_suite(sr, csv_suite());
	srunner_add_suite(sr, engine_suite());
	srunner_add_suite(sr, fhir_suite());
	srunner_add_suite(sr, hostile_suite());
	srunner_add_suite(sr, intake_suite());
	srunner_add_suite(sr, prompt_suite());
	srunner_add_suite(sr, quote_suite());
	srunner_add_suite(sr, provenance_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, report_html_suite());
	srunner_add_suite(sr, writer_suite());
	srunner_add_suite(sr, safety_suite());
	srunner_add_suite(sr, scripting_suite());
	srunner_add_suite(sr, rules_suite());
	srunner_add_suite(sr, scores_suite());
	srunner_add_suite(sr, tally_suite());
	srunner_add_suite(sr, transport_suite());
	srunner_add_suite(sr, vignettes_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
