/* check_provenance.c - SHA-256 against FIPS 180-4 vectors, and the catalogue's version and content hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "catalog.h"
#include "report.h"
#include "sha256.h"
#include "check_suites.h"

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and "SHA2_Additional.pdf"). */
START_TEST(sha256_matches_the_fips_180_4_examples)
{
	static const struct { const char *msg; const char *digest; } v[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	};
	char hex[SHA256_HEX];
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		sha256_hex(v[i].msg, strlen(v[i].msg), hex);
		ck_assert_str_eq(hex, v[i].digest);
	}
}
END_TEST

START_TEST(sha256_of_a_million_a_matches_fips_and_does_not_depend_on_chunking)
{
	static const size_t chunks[] = { 1, 3, 55, 56, 63, 64, 65, 1000, 1000000 };
	char *a = malloc(1000000), hex[SHA256_HEX];
	size_t c, off;

	ck_assert_ptr_nonnull(a);
	memset(a, 'a', 1000000);
	for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
		struct sha256 s;

		sha256_init(&s);
		for (off = 0; off < 1000000; off += chunks[c])
			sha256_update(&s, a + off, 1000000 - off < chunks[c] ? 1000000 - off : chunks[c]);
		sha256_final_hex(&s, hex);
		ck_assert_msg(!strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
			      "chunks of %zu: %s", chunks[c], hex);
	}
	free(a);
}
END_TEST

/* Lengths around the padding boundary (55, 56, 64 bytes) give the digest
 * of the one-shot and the byte-at-a-time paths alike. */
START_TEST(sha256_pads_every_length_near_a_block_boundary_alike)
{
	char msg[130], one[SHA256_HEX], bytewise[SHA256_HEX];
	size_t len, i;

	for (i = 0; i < sizeof msg; i++)
		msg[i] = (char)('A' + i % 26);
	for (len = 0; len < sizeof msg; len++) {
		struct sha256 s;

		sha256_hex(msg, len, one);
		sha256_init(&s);
		for (i = 0; i < len; i++)
			sha256_update(&s, msg + i, 1);
		sha256_final_hex(&s, bytewise);
		ck_assert_msg(!strcmp(one, bytewise), "length %zu", len);
	}
}
END_TEST

START_TEST(catalogue_hash_changes_when_any_byte_changes)
{
	const char text[] = "{\"name\": \"x\",\r\n \"version\": \"1\"}\n";
	size_t len = sizeof text - 1, i;
	char base[65], h[65], copy[sizeof text];

	catalog_hash(text, len, base);
	for (i = 0; i < len; i++) {
		memcpy(copy, text, sizeof text);
		copy[i] ^= 0x20;
		catalog_hash(copy, len, h);
		ck_assert_msg(strcmp(h, base) != 0, "flipping byte %zu kept the hash", i);
	}
	catalog_hash(text, len - 1, h);
	ck_assert_msg(strcmp(h, base) != 0, "dropping the last byte kept the hash");
}
END_TEST

START_TEST(catalogue_hash_ignores_a_byte_order_mark_and_crlf_only)
{
	char a[65], b[65], c[65], d[65];

	catalog_hash("{\n\"a\": 1\n}\n", 11, a);
	catalog_hash("{\r\n\"a\": 1\r\n}\r\n", 14, b);
	catalog_hash("\xEF\xBB\xBF{\n\"a\": 1\n}\n", 14, c);
	ck_assert_str_eq(a, b);
	ck_assert_str_eq(a, c);
	/* a lone CR is a byte like any other */
	catalog_hash("{\r\"a\": 1\n}\n", 11, d);
	ck_assert_str_ne(a, d);
	/* the canonical bytes are what sha256sum would see */
	sha256_hex("{\n\"a\": 1\n}\n", 11, d);
	ck_assert_str_eq(a, d);
}
END_TEST

START_TEST(default_catalogue_names_its_version_and_hash)
{
	const gm_catalog *cat = test_catalog();
	char h[SHA256_HEX];

	ck_assert_str_eq(gm_catalog_name(cat), "groupmatch default catalogue");
	ck_assert_ptr_nonnull(gm_catalog_version(cat));
	ck_assert_uint_eq(strlen(gm_catalog_hash(cat)), 64);
	ck_assert_uint_eq(strspn(gm_catalog_hash(cat), "0123456789abcdef"), 64);
	sha256_hex(gm_default_catalog, gm_default_catalog_len, h);
	ck_assert_str_eq(gm_catalog_hash(cat), h);
}
END_TEST

START_TEST(loading_the_same_bytes_twice_gives_the_same_hash)
{
	gm_catalog *a = gm_catalog_load_buffer(gm_default_catalog, gm_default_catalog_len, NULL, NULL, NULL);
	gm_catalog *b = gm_catalog_load_buffer(gm_default_catalog, gm_default_catalog_len, NULL, NULL, NULL);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(gm_catalog_hash(a), gm_catalog_hash(b));
	ck_assert_str_eq(gm_catalog_hash(a), gm_catalog_hash(test_catalog()));
	gm_catalog_free(a);
	gm_catalog_free(b);
}
END_TEST

/* The default catalogue with its "version" line replaced by line. */
static gm_catalog *with_version(const char *line, gm_error **errs, size_t *n)
{
	const char *v = strstr(gm_default_catalog, "\"version\"");
	const char *end;
	char *text;
	gm_catalog *cat;
	size_t len;

	ck_assert_ptr_nonnull(v);
	end = strchr(v, '\n');
	len = (size_t)(v - gm_default_catalog) + strlen(line) + strlen(end);
	text = malloc(len + 1);
	ck_assert_ptr_nonnull(text);
	sprintf(text, "%.*s%s%s", (int)(v - gm_default_catalog), gm_default_catalog, line, end);
	cat = gm_catalog_load_buffer(text, len, "t.json", errs, n);
	free(text);
	return cat;
}

START_TEST(a_catalogue_without_a_version_loads_with_a_null_version)
{
	gm_catalog *cat = with_version("\"_no_version\": 0,", NULL, NULL);

	ck_assert_ptr_nonnull(cat);
	ck_assert_ptr_null(gm_catalog_version(cat));
	ck_assert_str_ne(gm_catalog_hash(cat), gm_catalog_hash(test_catalog()));
	gm_catalog_free(cat);
}
END_TEST

START_TEST(a_bad_version_is_reported_at_its_path)
{
	static const char *const bad[] = { "\"version\": 3,", "\"version\": \"\",",
		"\"version\": \"a\\nb\",", "\"version\": \"" /* 101 x */ };
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char line[200];
		gm_error *errs = NULL;
		size_t n = 0;
		gm_catalog *cat;

		if (i == 3)
			snprintf(line, sizeof line, "\"version\": \"%0101d\",", 0);
		else
			snprintf(line, sizeof line, "%s", bad[i]);
		cat = with_version(line, &errs, &n);
		ck_assert_msg(cat == NULL, "%s was accepted", line);
		ck_assert_uint_eq(n, 1);
		ck_assert_str_eq(errs[0].path, "version");
		gm_errors_free(errs);
	}
}
END_TEST

/* Every JSON result, whatever its status and in both layouts, ends with
 * the catalogue it came from. */
START_TEST(every_json_result_ends_with_the_catalogue)
{
	static const char *const answers[][2] = {
		{ "goals", "skill_building" },   /* ok */
		{ "crisis", "yes" },             /* urgent */
		{ "comfort", "9" },              /* invalid */
	};
	const gm_catalog *cat = test_catalog();
	size_t i;
	int pretty;

	for (i = 0; i < 3; i++)
		for (pretty = 0; pretty < 2; pretty++) {
			gm_answers *ans = gm_answers_new(cat);
			gm_result *res = gm_result_new(cat);
			struct buf out = BUF_INIT;
			cJSON *j, *c, *last;

			gm_answers_set(ans, "crisis", "no", NULL);
			gm_answers_set(ans, answers[i][0], answers[i][1], NULL);
			gm_match(ans, 0, res);
			report_json(&out, res, NULL, 0, pretty);
			j = cJSON_Parse(buf_cstr(&out));
			ck_assert_ptr_nonnull(j);
			for (last = j->child; last->next; last = last->next)
				;
			ck_assert_str_eq(last->string, "catalog");
			c = cJSON_GetObjectItem(j, "catalog");
			ck_assert_str_eq(cJSON_GetObjectItem(c, "name")->valuestring, gm_catalog_name(cat));
			ck_assert_str_eq(cJSON_GetObjectItem(c, "version")->valuestring, gm_catalog_version(cat));
			ck_assert_str_eq(cJSON_GetObjectItem(c, "sha256")->valuestring, gm_catalog_hash(cat));
			cJSON_Delete(j);
			buf_release(&out);
			gm_answers_free(ans);
			gm_result_free(res);
		}
}
END_TEST

START_TEST(a_catalogue_without_a_version_gives_null_in_the_json)
{
	gm_catalog *cat = with_version("\"_no_version\": 0,", NULL, NULL);
	gm_answers *ans = gm_answers_new(cat);
	gm_result *res = gm_result_new(cat);
	struct buf out = BUF_INIT;
	cJSON *j;

	gm_answers_set(ans, "goals", "skill_building", NULL);
	gm_match(ans, 0, res);
	report_json(&out, res, NULL, 0, 0);
	j = cJSON_Parse(buf_cstr(&out));
	ck_assert_ptr_nonnull(j);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "catalog"), "version")));
	cJSON_Delete(j);
	buf_release(&out);
	gm_answers_free(ans);
	gm_result_free(res);
	gm_catalog_free(cat);
}
END_TEST

Suite *provenance_suite(void)
{
	Suite *s = suite_create("provenance");
	TCase *tc = tcase_create("sha256");

	tcase_add_test(tc, sha256_matches_the_fips_180_4_examples);
	tcase_add_test(tc, sha256_of_a_million_a_matches_fips_and_does_not_depend_on_chunking);
	tcase_add_test(tc, sha256_pads_every_length_near_a_block_boundary_alike);
	suite_add_tcase(s, tc);
	tc = tcase_create("catalogue");
	tcase_add_test(tc, catalogue_hash_changes_when_any_byte_changes);
	tcase_add_test(tc, catalogue_hash_ignores_a_byte_order_mark_and_crlf_only);
	tcase_add_test(tc, default_catalogue_names_its_version_and_hash);
	tcase_add_test(tc, loading_the_same_bytes_twice_gives_the_same_hash);
	tcase_add_test(tc, a_catalogue_without_a_version_loads_with_a_null_version);
	tcase_add_test(tc, a_bad_version_is_reported_at_its_path);
	tcase_add_test(tc, every_json_result_ends_with_the_catalogue);
	tcase_add_test(tc, a_catalogue_without_a_version_gives_null_in_the_json);
	suite_add_tcase(s, tc);
	return s;
}
