/* check_suites.h - one Suite constructor per module under test, and shared fixtures. */
#ifndef GM_CHECK_SUITES_H
#define GM_CHECK_SUITES_H

#include <check.h>
#include "groupmatch.h"

Suite *answers_suite(void);
Suite *assign_suite(void);
Suite *cases_suite(void);
Suite *catalog_suite(void);
Suite *catalog_info_suite(void);
Suite *csv_suite(void);
Suite *engine_suite(void);
Suite *fhir_suite(void);
Suite *hostile_suite(void);
Suite *intake_suite(void);
Suite *prompt_suite(void);
Suite *quote_suite(void);
Suite *provenance_suite(void);
Suite *report_suite(void);
Suite *report_html_suite(void);
Suite *writer_suite(void);
Suite *safety_suite(void);
Suite *scripting_suite(void);
Suite *rules_suite(void);
Suite *scores_suite(void);
Suite *tally_suite(void);
Suite *transport_suite(void);
Suite *vignettes_suite(void);

/* The i-th string of tests/data/hostile_strings.txt (s, len bytes, no
 * NUL-termination promised); 0 past the last. */
int hostile_string(size_t i, const char **s, size_t *len);

/* The embedded default catalogue, loaded once per test process. */
const gm_catalog *test_catalog(void);

#endif
