/* check_transport.c - unit tests of the placement's min-cost max-flow on hand-made problems. */
#include <string.h>
#include <check.h>
#include "check_suites.h"
#include "transport.h"

/* A problem of up to 8 people and 64 classes over 3 types. */
struct fixture {
	struct tp_problem p;
	int type[64];
	long cap[64];
	unsigned char fit[8 * 3];
	uint64_t elig[8];
	int placed[8];
};

static void init(struct fixture *f, int npeople, int nclasses)
{
	memset(f, 0, sizeof *f);
	f->p.npeople = npeople;
	f->p.nclasses = nclasses;
	f->p.ntypes = 3;
	f->p.words = 1;
	f->p.class_type = f->type;
	f->p.class_cap = f->cap;
	f->p.fit = f->fit;
	f->p.elig = f->elig;
}

/* Person i may join class j, with fit for j's type. */
static void may(struct fixture *f, int i, int j, int fit)
{
	f->elig[i] |= (uint64_t)1 << j;
	f->fit[i * 3 + f->type[j]] = (unsigned char)fit;
}

START_TEST(a_newcomer_is_placed_by_moving_a_chain_of_people)
{
	struct fixture f;

	init(&f, 3, 3);
	for (int j = 0; j < 3; j++) {
		f.type[j] = j;
		f.cap[j] = 1;
	}
	may(&f, 0, 0, 100);
	may(&f, 0, 1, 90);
	may(&f, 1, 1, 100);
	may(&f, 1, 2, 90);
	may(&f, 2, 0, 50);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);
	ck_assert_int_eq(f.placed[2], 0);
	ck_assert_int_eq(f.placed[0], 1);
	ck_assert_int_eq(f.placed[1], 2);
}
END_TEST

START_TEST(the_better_fit_wins_a_seat_over_an_earlier_record)
{
	struct fixture f;

	init(&f, 2, 1);
	f.cap[0] = 1;
	may(&f, 0, 0, 60);
	may(&f, 1, 0, 61);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);
	ck_assert_int_eq(f.placed[0], -1);
	ck_assert_int_eq(f.placed[1], 0);
}
END_TEST

START_TEST(the_earlier_record_wins_among_equal_fits)
{
	struct fixture f;

	init(&f, 3, 2);
	f.type[1] = 1;
	f.cap[0] = f.cap[1] = 1;
	/* Either {0, 1} or {1, 2} fit as well (150); records 0 and 1 come first. */
	may(&f, 0, 0, 50);
	may(&f, 1, 1, 100);
	may(&f, 2, 0, 50);
	may(&f, 2, 1, 100);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);
	ck_assert_int_eq(f.placed[0], 0);
	ck_assert_int_eq(f.placed[1], 1);
	ck_assert_int_eq(f.placed[2], -1);
}
END_TEST

START_TEST(no_classes_or_no_seats_place_nobody)
{
	struct fixture f;

	init(&f, 2, 0);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);
	ck_assert_int_eq(f.placed[0], -1);
	init(&f, 2, 1);
	may(&f, 0, 0, 80);
	may(&f, 1, 0, 80);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);	/* cap 0: a closed group */
	ck_assert_int_eq(f.placed[0], -1);
	ck_assert_int_eq(f.placed[1], -1);
	init(&f, 0, 1);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);
}
END_TEST

START_TEST(the_last_class_of_a_bitset_word_is_used)
{
	struct fixture f;

	init(&f, 2, 64);
	f.cap[63] = 1;
	f.type[63] = 2;
	may(&f, 0, 63, 70);
	may(&f, 1, 63, 90);
	ck_assert_int_eq(tp_solve(&f.p, f.placed), 0);
	ck_assert_int_eq(f.placed[1], 63);
	ck_assert_int_eq(f.placed[0], -1);
}
END_TEST

Suite *transport_suite(void)
{
	Suite *s = suite_create("transport");
	TCase *tc = tcase_create("placement");

	tcase_add_test(tc, a_newcomer_is_placed_by_moving_a_chain_of_people);
	tcase_add_test(tc, the_better_fit_wins_a_seat_over_an_earlier_record);
	tcase_add_test(tc, the_earlier_record_wins_among_equal_fits);
	tcase_add_test(tc, no_classes_or_no_seats_place_nobody);
	tcase_add_test(tc, the_last_class_of_a_bitset_word_is_used);
	suite_add_tcase(s, tc);
	return s;
}
