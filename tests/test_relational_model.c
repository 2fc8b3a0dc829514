/* test_relational_model.c — linked tables fitted and sampled through the library
 * (src/relational/rules.c, relational_fit.c, relational_sample.c, event_sampling.c) on a bank
 * made up here: the running balance is detected without being declared, with the share of
 * events that keep it counted independently; a fitted model generates sequences that keep the
 * balance, stay in order and after their parent's opening; parents without children (a third
 * of the real ones) come out too; keys are fresh; the same seed gives the same bytes (with
 * adversarial fine-tuning too); monthly statements numbered 1..K come out whole; a parent's row
 * carries its children's summaries, recounted here from the file; accounts with a pace of their
 * own get as many events per day left in the window as real ones whenever they opened, and
 * month ends only as often as the real data has them; with monthly echoes, salaries come back
 * on their day of the month. */
#include "test_support.h"

#include <sys/stat.h>
#include <time.h>

#include "core/rng.h"
#include "data/datetime.h"
#include "data/table.h"
#include "relational/child_summary.h"
#include "relational/child_view.h"
#include "relational/dataset.h"
#include "relational/relational_model.h"
#include "riskgan.h"

enum { ACCOUNTS = 240 };

static const char metadata[] =
    "{\"riskgan_metadata_version\": 1, \"tables\": {"
    " \"account\": {\"path\": \"account.csv\", \"primary_key\": \"account_id\", \"columns\": {"
    "   \"account_id\": {\"sdtype\": \"id\"}, \"opened\": {\"sdtype\": \"datetime\", \"datetime_format\": \"%y%m%d\"},"
    "   \"frequency\": {\"sdtype\": \"categorical\"}}},"
    " \"trans\": {\"path\": \"trans.csv\", \"primary_key\": \"trans_id\", \"sequence_key\": \"account_id\","
    "   \"sequence_index\": \"date\", \"columns\": {"
    "   \"trans_id\": {\"sdtype\": \"id\"}, \"account_id\": {\"sdtype\": \"id\"},"
    "   \"date\": {\"sdtype\": \"datetime\", \"datetime_format\": \"%y%m%d\"},"
    "   \"type\": {\"sdtype\": \"categorical\"},"
    "   \"amount\": {\"sdtype\": \"numerical\"}, \"balance\": {\"sdtype\": \"numerical\"}}}},"
    " \"relationships\": [{\"parent_table_name\": \"account\", \"parent_primary_key\": \"account_id\","
    "   \"child_table_name\": \"trans\", \"child_foreign_key\": \"account_id\"}]}";

/* Day 0..364 of 1993 as yymmdd. */
static int yymmdd(int day)
{
    static const int length[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = 0;
    while (day >= length[month])
        day -= length[month++];
    return 930000 + (month + 1) * 100 + day + 1;
}

static FILE *open_in(const char *directory, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", directory, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    return f;
}

/* Writes the bank into `directory`: a third of the accounts without transactions; the others
 * open with a deposit, then credits and debits a few days apart, the balance running. With
 * `broken`, the last balance of every account with at least 5 events is off by one crown;
 * returns how many events that breaks (each breaks exactly one: nothing follows it). */
static size_t write_bank(const char *directory, int broken)
{
    FILE *accounts = open_in(directory, "account.csv"), *trans = open_in(directory, "trans.csv"),
         *json = open_in(directory, "metadata.json");
    fputs(metadata, json);
    fputs("account_id,opened,frequency\n", accounts);
    fputs("trans_id,account_id,date,type,amount,balance\n", trans);
    size_t id = 5000, broken_events = 0;
    for (int a = 0; a < ACCOUNTS; a++) {
        int opened = (a * 7) % 200, events = a % 3 == 0 ? 0 : 4 + a % 9;
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(opened), a % 4 ? "monthly" : "weekly");
        long balance = 0;
        for (int e = 0, day = opened; e < events; e++, day += 1 + (a + 3 * e) % 11) {
            int credit = e == 0 || (a + e) % 3 == 0;
            long amount = credit ? 300 + (a * 37 + e * 11) % 900 : 20 + (a * 13 + e * 7) % (balance / 2 + 1);
            balance += credit ? amount : -amount;
            int off = broken && events >= 5 && e == events - 1;
            broken_events += (size_t)off;
            fprintf(trans, "%zu,%d,%d,%s,%ld.00,%ld.00\n", id++, 100 + a, yymmdd(day), credit ? "credit" : "debit",
                    amount, balance + off);
        }
    }
    fclose(accounts), fclose(trans), fclose(json);
    return broken_events;
}

static char *bank_folder(int broken, size_t *broken_events)
{
    char *directory = strdup("/tmp/riskgan-bank-XXXXXX");
    assert_non_null(mkdtemp(directory));
    size_t n = write_bank(directory, broken);
    if (broken_events)
        *broken_events = n;
    return directory;
}

static riskgan_dataset *read_bank(const char *directory)
{
    char path[256];
    snprintf(path, sizeof path, "%s/metadata.json", directory);
    riskgan_dataset *d = NULL;
    assert_int_equal(riskgan_dataset_read(path, &d), RISKGAN_OK);
    return d;
}

static size_t trans_of(const riskgan_dataset *d)
{
    long i = rg_dataset_spec_table(&d->spec, "trans");
    assert_true(i >= 0);
    return (size_t)i;
}

static void shares_of(const riskgan_dataset *d, rg_child_view *view, rg_rule_shares *shares)
{
    assert_int_equal(rg_child_view_open(d, trans_of(d), view), RISKGAN_OK);
    rg_rules_measure(d, view->child, &view->sequences, &view->rule, shares);
}

static void the_balance_rule_is_detected(void **state)
{
    (void)state;
    size_t broken = 0;
    char *directory = bank_folder(1, &broken);
    riskgan_dataset *d = read_bank(directory);
    rg_child_view view;
    rg_rule_shares shares;
    shares_of(d, &view, &shares);
    const riskgan_table *t = d->tables[view.child];
    assert_int_equal(view.rule.balance, riskgan_table_find_column(t, "balance"));
    assert_int_equal(view.rule.amount, riskgan_table_find_column(t, "amount"));
    assert_int_equal(view.rule.sign, riskgan_table_find_column(t, "type"));
    assert_int_equal(view.rule.credit_count, 1);
    assert_string_equal(view.rule.credit_names[0], "credit");
    size_t later_events = shares.events - shares.sequences;
    assert_true(broken > 10);
    assert_true(fabs(shares.balance - (1.0 - (double)broken / (double)later_events)) <= 1e-9);
    assert_true(fabs(shares.first_balance - (1.0)) <= 1e-12);
    assert_true(fabs(shares.ordered - (1.0)) <= 1e-12);
    assert_true(fabs(shares.after_parent - (1.0)) <= 1e-12);
    rg_child_view_close(&view);
    riskgan_dataset_free(d);
    remove_tree(directory);
}

static riskgan_relational_model *fit_bank(const riskgan_dataset *d)
{
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.root.epochs = 30;
    options.epochs = 30;
    options.seed = 5;
    options.threads = 1;
    riskgan_relational_model *m = NULL;
    assert_int_equal(riskgan_relational_fit(d, &options, &m), RISKGAN_OK);
    return m;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    for (int ca = 0, cb = 0; same && ca != EOF;)
        ca = fgetc(fa), cb = fgetc(fb), same = ca == cb;
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* No generated value of column `name` in table `table` equals a real one. */
static void keys_are_fresh(const riskgan_dataset *real, const riskgan_dataset *synthetic, const char *table,
                           const char *name)
{
    long i = rg_dataset_spec_table(&real->spec, table);
    const riskgan_table *r = real->tables[i], *s = synthetic->tables[i];
    long rc = riskgan_table_find_column(r, name), sc = riskgan_table_find_column(s, name);
    assert_true(rc >= 0 && sc >= 0);
    for (size_t a = 0; a < riskgan_table_rows(s); a++)
        for (size_t b = 0; b < riskgan_table_rows(r); b++)
            assert_true(riskgan_table_number(s, a, (size_t)sc) != riskgan_table_number(r, b, (size_t)rc));
}

static void generated_sequences_keep_the_rules(void **state)
{
    (void)state;
    char *directory = bank_folder(0, NULL);
    riskgan_dataset *real = read_bank(directory), *synthetic = NULL, *again = NULL;
    riskgan_relational_model *m = fit_bank(real);
    assert_int_equal(riskgan_relational_sample(m, 1.0, 9, &synthetic), RISKGAN_OK);
    rg_child_view view;
    rg_rule_shares shares;
    shares_of(synthetic, &view, &shares);
    assert_true(view.rule.balance >= 0);
    assert_true(shares.events > 300);
    assert_true(fabs(shares.balance - (1.0)) <= 1e-12);
    assert_true(fabs(shares.first_balance - (1.0)) <= 1e-12);
    assert_true(fabs(shares.ordered - (1.0)) <= 1e-12);
    assert_true(fabs(shares.after_parent - (1.0)) <= 1e-12);
    size_t childless = 0;
    for (size_t p = 0; p < view.sequences.parents; p++)
        childless += rg_sequence_length(&view.sequences, p) == 0;
    double share = (double)childless / (double)view.sequences.parents;
    print_message("childless parents: %.3f (real 1/3); events %zu\n", share, shares.events);
    assert_true(share > 0.2 && share < 0.47);
    keys_are_fresh(real, synthetic, "account", "account_id");
    keys_are_fresh(real, synthetic, "trans", "trans_id");
    rg_child_view_close(&view);

    char first[300], second[300];
    snprintf(first, sizeof first, "%s/one", directory), snprintf(second, sizeof second, "%s/two", directory);
    assert_int_equal(riskgan_relational_sample(m, 1.0, 9, &again), RISKGAN_OK);
    assert_int_equal(riskgan_dataset_write(synthetic, first), RISKGAN_OK);
    assert_int_equal(riskgan_dataset_write(again, second), RISKGAN_OK);
    strcat(first, "/trans.csv"), strcat(second, "/trans.csv");
    assert_true(same_file(first, second));
    riskgan_dataset_free(again), riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* The summaries recounted from trans.csv by sscanf, apart from the library's reader: per
 * account its number of events, mean amount and balance, share of credits. */
typedef struct {
    double events, amount, balance, credits;
} recount;

static void recount_bank(const char *directory, recount *per_account)
{
    char path[256], line[256];
    snprintf(path, sizeof path, "%s/trans.csv", directory);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        int id, account, date;
        char type[16];
        double amount, balance;
        assert_int_equal(sscanf(line, "%d,%d,%d,%15[a-z],%lf,%lf", &id, &account, &date, type, &amount, &balance), 6);
        recount *r = &per_account[account - 100];
        r->events += 1, r->amount += amount, r->balance += balance, r->credits += strcmp(type, "credit") == 0;
    }
    fclose(f);
}

static const rg_summary_column *summary_named(const rg_summaries *s, const char *name)
{
    for (size_t k = 0; k < s->count; k++)
        if (strcmp(s->column[k].name, name) == 0)
            return &s->column[k];
    fail_msg("no summary column '%s'", name);
    return NULL;
}

/* A parent's row carries its children's count, means and category shares (a childless one the
 * mean over the others); the names tell whose summaries they are. */
static void children_are_summarized_in_their_parents(void **state)
{
    (void)state;
    char *directory = bank_folder(0, NULL);
    riskgan_dataset *d = read_bank(directory);
    recount expected[ACCOUNTS] = {{0}};
    recount_bank(directory, expected);
    long account = rg_dataset_spec_table(&d->spec, "account");
    rg_summaries s;
    assert_int_equal(rg_summaries_of(d, (size_t)account, 1, &s), RISKGAN_OK);
    assert_int_equal(s.count, 5); /* count, 2 means, shares of credit and debit */
    const rg_summary_column *count = summary_named(&s, "__count_trans"), *amount = summary_named(&s, "__mean_trans_amount"),
                            *balance = summary_named(&s, "__mean_trans_balance"), *first = summary_named(&s, "__share_trans_type_1");
    long id = rg_dataset_column(d, (size_t)account, "account_id");
    double credit_sum = 0, with_events = 0, credits = 0, events = 0;
    for (size_t a = 0; a < ACCOUNTS; a++)
        credits += expected[a].credits, events += expected[a].events;
    int credits_first = credits > events - credits; /* the commoner type's share comes first */
    for (size_t r = 0; r < ACCOUNTS; r++) {
        const recount *e = &expected[(size_t)d->tables[account]->column[id].numbers[r] - 100];
        assert_true(count->values[r] == e->events);
        if (e->events == 0)
            continue;
        assert_true(fabs(amount->values[r] - e->amount / e->events) < 1e-9);
        assert_true(fabs(balance->values[r] - e->balance / e->events) < 1e-9);
        credit_sum += (credits_first ? e->credits : e->events - e->credits) / e->events, with_events += 1;
    }
    for (size_t r = 0; r < ACCOUNTS; r++) {
        const recount *e = &expected[(size_t)d->tables[account]->column[id].numbers[r] - 100];
        double mine = credits_first ? e->credits : e->events - e->credits;
        double want = e->events ? mine / e->events : credit_sum / with_events;
        assert_true(fabs(first->values[r] - want) < 1e-9);
    }
    assert_true(rg_summary_of_child("__count_trans", "trans") && rg_summary_of_child("__share_trans_type_1", "trans"));
    assert_false(rg_summary_of_child("__count_transfers", "trans") || rg_summary_of_child("__mean_transfers_x", "trans"));
    assert_false(rg_summary_of_child("amount", "trans"));
    rg_summaries_free(&s);
    assert_int_equal(rg_summaries_of(d, (size_t)account, 0, &s), RISKGAN_OK);
    assert_int_equal(s.count, 1); /* the count alone when asked */
    assert_string_equal(s.column[0].name, "__count_trans");
    rg_summaries_free(&s);
    riskgan_dataset_free(d);
    remove_tree(directory);
}

/* One loan per account: the account's summary of a loan's status is the status itself (a
 * category: A, B and the "other" of values outside the commonest). */
static void loans_are_summarized_by_their_status(const riskgan_dataset *d)
{
    long account = rg_dataset_spec_table(&d->spec, "account"), loan = rg_dataset_spec_table(&d->spec, "loan");
    rg_summaries s;
    assert_int_equal(rg_summaries_of(d, (size_t)account, 1, &s), RISKGAN_OK);
    const rg_summary_column *mode = summary_named(&s, "__mode_loan_status");
    assert_int_equal(mode->label_count, 3);
    assert_string_equal(mode->labels[0], "A"), assert_string_equal(mode->labels[1], "B");
    assert_string_equal(mode->labels[2], "other");
    long status = rg_dataset_column(d, (size_t)loan, "status");
    for (size_t r = 0; r < riskgan_table_rows(d->tables[loan]); r++) {
        const char *text = riskgan_table_category(d->tables[loan], r, (size_t)status);
        assert_string_equal(mode->labels[(size_t)mode->values[d->parent_row[loan][r]]], text);
    }
    rg_summaries_free(&s);
}

/* A defect seen on the loans of the monthly statements (67 rows): with the default epochs a
 * small child table got one Adam step per epoch, 80 in all, and its status head stayed near
 * uniform (a third of the statuses missing, which the data never is). 70 accounts with one
 * loan each (amount, duration, status: 80 % A, 20 % B): the generated shares must follow. */
static void a_small_child_table_is_learned(void **state)
{
    (void)state;
    char *directory = strdup("/tmp/riskgan-loans-XXXXXX");
    assert_non_null(mkdtemp(directory));
    FILE *accounts = open_in(directory, "account.csv"), *loans = open_in(directory, "loan.csv"),
         *json = open_in(directory, "metadata.json");
    fputs("{\"riskgan_metadata_version\": 1, \"tables\": {"
          " \"account\": {\"path\": \"account.csv\", \"primary_key\": \"account_id\", \"columns\": {"
          "   \"account_id\": {\"sdtype\": \"id\"}, \"frequency\": {\"sdtype\": \"categorical\"},"
          "   \"district\": {\"sdtype\": \"categorical\"}}},"
          " \"loan\": {\"path\": \"loan.csv\", \"primary_key\": \"loan_id\", \"sequence_key\": \"account_id\","
          "   \"sequence_index\": \"date\", \"columns\": {\"loan_id\": {\"sdtype\": \"id\"},"
          "   \"account_id\": {\"sdtype\": \"id\"},"
          "   \"date\": {\"sdtype\": \"datetime\", \"datetime_format\": \"%y%m%d\"},"
          "   \"payments\": {\"sdtype\": \"numerical\"},"
          "   \"amount\": {\"sdtype\": \"numerical\"}, \"duration\": {\"sdtype\": \"numerical\"},"
          "   \"status\": {\"sdtype\": \"categorical\"}}}},"
          " \"relationships\": [{\"parent_table_name\": \"account\", \"parent_primary_key\": \"account_id\","
          "   \"child_table_name\": \"loan\", \"child_foreign_key\": \"account_id\"}]}",
          json);
    fputs("account_id,frequency,district\n", accounts);
    fputs("loan_id,account_id,date,payments,amount,duration,status\n", loans);
    for (int a = 0; a < 70; a++) {
        int amount = 20000 + (a * 7919) % 300000, duration = 12 * (1 + a % 5);
        fprintf(accounts, "%d,%s,%d\n", 10 + a, a % 2 ? "monthly" : "weekly", a * 13 % 40);
        fprintf(loans, "%d,%d,%d,%.2f,%d,%d,%s\n", 500 + a, 10 + a, yymmdd((a * 37) % 360), (double)amount / duration,
                amount, duration, a % 5 == 0 ? "B" : "A");
    }
    fclose(accounts), fclose(loans), fclose(json);
    riskgan_dataset *real = read_bank(directory), *synthetic = NULL;
    loans_are_summarized_by_their_status(real);
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.seed = 3, options.threads = 1; /* the root synthesizer with its default epochs: it draws the loans' status shares */
    riskgan_relational_model *m = NULL;
    assert_int_equal(riskgan_relational_fit(real, &options, &m), RISKGAN_OK);
    assert_int_equal(riskgan_relational_sample(m, 20.0, 4, &synthetic), RISKGAN_OK);
    const riskgan_table *t = synthetic->tables[rg_dataset_spec_table(&synthetic->spec, "loan")];
    size_t status = (size_t)riskgan_table_find_column(t, "status"), counts[3] = {0};
    for (size_t r = 0; r < riskgan_table_rows(t); r++) {
        const char *text = riskgan_table_category(t, r, status);
        counts[!text ? 2 : strcmp(text, "A") == 0 ? 0 : 1]++;
    }
    double rows = (double)riskgan_table_rows(t);
    print_message("statuses: A %zu, B %zu, missing %zu of %.0f\n", counts[0], counts[1], counts[2], rows);
    assert_true(rows > 500);
    assert_true(counts[2] == 0);
    assert_true(fabs(counts[0] / rows - 0.8) < 0.1);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Variant 2 (adversarial fine-tuning) runs its rounds, keeps the rules, and repeats itself:
 * the same seed gives the same model file, byte for byte. */
static void adversarial_rounds_repeat_themselves(void **state)
{
    (void)state;
    char *directory = bank_folder(0, NULL);
    riskgan_dataset *real = read_bank(directory), *synthetic = NULL;
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.root.epochs = 5, options.epochs = 5, options.adversarial_rounds = 2, options.seed = 8, options.threads = 1;
    char paths[2][300];
    for (int k = 0; k < 2; k++) {
        riskgan_relational_model *m = NULL;
        assert_int_equal(riskgan_relational_fit(real, &options, &m), RISKGAN_OK);
        snprintf(paths[k], sizeof paths[k], "%s/model-%d.rgan", directory, k);
        assert_int_equal(riskgan_relational_model_save(m, paths[k]), RISKGAN_OK);
        if (k == 1)
            assert_int_equal(riskgan_relational_sample(m, 1.0, 2, &synthetic), RISKGAN_OK);
        riskgan_relational_model_free(m);
    }
    assert_true(same_file(paths[0], paths[1]));
    rg_child_view view;
    rg_rule_shares shares;
    shares_of(synthetic, &view, &shares);
    assert_true(shares.events > 100);
    assert_true(fabs(shares.balance - 1.0) <= 1e-12 && fabs(shares.after_parent - 1.0) <= 1e-12);
    rg_child_view_close(&view);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    remove_tree(directory);
}

/* Every account has exactly 4 monthly statements, numbered 1..4 (a plain-number index). */
static char *statements_folder(void)
{
    char *directory = strdup("/tmp/riskgan-statements-XXXXXX");
    assert_non_null(mkdtemp(directory));
    FILE *accounts = open_in(directory, "account.csv"), *statements = open_in(directory, "statement.csv"),
         *json = open_in(directory, "metadata.json");
    fputs("{\"riskgan_metadata_version\": 1, \"tables\": {"
          " \"account\": {\"path\": \"account.csv\", \"primary_key\": \"account_id\", \"columns\": {"
          "   \"account_id\": {\"sdtype\": \"id\"}, \"frequency\": {\"sdtype\": \"categorical\"}}},"
          " \"statement\": {\"path\": \"statement.csv\", \"primary_key\": \"statement_id\","
          "   \"sequence_key\": \"account_id\", \"sequence_index\": \"month\", \"columns\": {"
          "   \"statement_id\": {\"sdtype\": \"id\"}, \"account_id\": {\"sdtype\": \"id\"},"
          "   \"month\": {\"sdtype\": \"numerical\"}, \"balance\": {\"sdtype\": \"numerical\"}}}},"
          " \"relationships\": [{\"parent_table_name\": \"account\", \"parent_primary_key\": \"account_id\","
          "   \"child_table_name\": \"statement\", \"child_foreign_key\": \"account_id\"}]}",
          json);
    fputs("account_id,frequency\n", accounts);
    fputs("statement_id,account_id,month,balance\n", statements);
    for (int a = 0, id = 1; a < 600; a++) {
        fprintf(accounts, "%d,%s\n", 10 + a, a % 3 ? "monthly" : "weekly");
        for (int month = 1; month <= 4; month++)
            fprintf(statements, "%d,%d,%d,%d.00\n", id++, 10 + a, month, 100 * (a % 50) + 10 * month);
    }
    fclose(accounts), fclose(statements), fclose(json);
    return directory;
}

/* A defect seen on monthly statements: a gap head's month-end token (meaningless for an index
 * of plain numbers, never seen in training) could be drawn, giving a gap of 0 (month 2 twice). */
static void periodic_statements_come_out_whole(void **state)
{
    (void)state;
    char *directory = statements_folder();
    riskgan_dataset *real = read_bank(directory), *synthetic = NULL;
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.root.epochs = 5, options.epochs = 2, options.seed = 3, options.threads = 1;
    riskgan_relational_model *m = NULL;
    assert_int_equal(riskgan_relational_fit(real, &options, &m), RISKGAN_OK);
    assert_int_equal(riskgan_relational_sample(m, 2.0, 4, &synthetic), RISKGAN_OK);
    long child = rg_dataset_spec_table(&synthetic->spec, "statement");
    rg_child_view view;
    assert_int_equal(rg_child_view_open(synthetic, (size_t)child, &view), RISKGAN_OK);
    const riskgan_table *t = synthetic->tables[child];
    size_t whole = 0, month = (size_t)riskgan_table_find_column(t, "month");
    for (size_t p = 0; p < view.sequences.parents; p++) {
        int ok = rg_sequence_length(&view.sequences, p) == 4;
        for (size_t i = 0; ok && i < 4; i++)
            ok = riskgan_table_number(t, view.sequences.row[view.sequences.start[p] + i], month) == (double)(i + 1);
        whole += (size_t)ok;
    }
    print_message("%zu of %zu accounts have statements 1, 2, 3, 4\n", whole, view.sequences.parents);
    assert_int_equal(whole, view.sequences.parents);
    rg_child_view_close(&view);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* A folder for a made-up bank (/tmp/riskgan-NAME-XXXXXX) with the metadata, and its two tables
 * opened with their headers written. */
static char *made_up_bank(const char *name, FILE **accounts, FILE **trans)
{
    char template[64];
    snprintf(template, sizeof template, "/tmp/riskgan-%s-XXXXXX", name);
    char *directory = strdup(template);
    assert_non_null(mkdtemp(directory));
    FILE *json = open_in(directory, "metadata.json");
    fputs(metadata, json);
    fclose(json);
    *accounts = open_in(directory, "account.csv"), *trans = open_in(directory, "trans.csv");
    fputs("account_id,opened,frequency\n", *accounts);
    fputs("trans_id,account_id,date,type,amount,balance\n", *trans);
    return directory;
}

/* Accounts opened on days 0..363 of 1993, each with a deposit then an event every 3 to 11
 * days (its own pace, which none of its columns tells) until the year's last day. */
static char *paced_folder(void)
{
    FILE *accounts, *trans;
    char *directory = made_up_bank("paced", &accounts, &trans);
    for (int a = 0, id = 1; a < 600; a++) {
        int opened = (a * 89) % 364, gap = 3 + (int)(((unsigned)a * 2654435761u) >> 20) % 9;
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(opened), a % 2 ? "monthly" : "weekly");
        long balance = 0;
        for (int day = opened, e = 0; day < 365; day += gap, e++) {
            long amount = e % 2 == 0 ? 500 : 100;
            balance += e % 2 == 0 ? amount : -amount;
            fprintf(trans, "%d,%d,%d,%s,%ld.00,%ld.00\n", id++, 100 + a, yymmdd(day), e % 2 == 0 ? "credit" : "debit",
                    amount, balance);
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* Per quarter of the year an account opened in: its events per day left in the year, mean
 * over the accounts (4 quarters); and the share of all events on a month's last day. */
static double events_per_day_left(const riskgan_dataset *d, double rate[4])
{
    rg_child_view view;
    assert_int_equal(rg_child_view_open(d, trans_of(d), &view), RISKGAN_OK);
    const riskgan_table *accounts = d->tables[view.parent], *trans = d->tables[view.child];
    size_t opened = (size_t)riskgan_table_find_column(accounts, "opened"), count[4] = {0}, last_days = 0;
    memset(rate, 0, 4 * sizeof *rate);
    for (size_t p = 0; p < view.sequences.parents; p++) {
        double days_left = (757296000.0 /* 1993-12-31 */ - riskgan_table_number(accounts, p, opened)) / 86400.0 + 1;
        int quarter = 3 - (int)(days_left / 91.25);
        if (quarter < 0 || quarter > 3)
            continue;
        rate[quarter] += (double)rg_sequence_length(&view.sequences, p) / days_left, count[quarter]++;
    }
    for (int q = 0; q < 4; q++)
        rate[q] /= count[q] ? (double)count[q] : 1;
    for (size_t r = 0; r < trans->rows; r++) {
        long long year;
        int month, day, days;
        rg_datetime_calendar(riskgan_table_number(trans, r, (size_t)view.index), &year, &month, &day, &days);
        last_days += day == days;
    }
    rg_child_view_close(&view);
    return (double)last_days / (double)trans->rows;
}

/* Sequences that run to the window's end at a pace of their own, on no particular day of the
 * month. Two defects seen here: the gap head's month-end token, learned from the few events
 * that fall on a month's last day by chance, was drawn anywhere, and the sequence then kept
 * that monthly pace (11 % of the events on a month's last day against 3.5 %, 19 % fewer events
 * in all); and a count drawn from the accounts' columns did not follow the opening date (a
 * late account drew as many events as an early one, run at a faster pace). Generated accounts
 * keep the real events per day left in the year, whenever they opened, and month ends are as
 * rare as in the real data. */
static void lengths_follow_the_opening_date(void **state)
{
    (void)state;
    char *directory = paced_folder();
    riskgan_dataset *real = read_bank(directory), *synthetic = NULL;
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.seed = 2, options.threads = 1;
    riskgan_relational_model *m = NULL;
    assert_int_equal(riskgan_relational_fit(real, &options, &m), RISKGAN_OK);
    assert_int_equal(riskgan_relational_sample(m, 1.0, 6, &synthetic), RISKGAN_OK);
    double want[4], got[4];
    double real_month_ends = events_per_day_left(real, want), month_ends = events_per_day_left(synthetic, got);
    size_t events[2] = {riskgan_table_rows(real->tables[trans_of(real)]),
                        riskgan_table_rows(synthetic->tables[trans_of(synthetic)])};
    print_message("events %zu (real %zu); on a month's last day %.3f (real %.3f)\n", events[1], events[0], month_ends,
                  real_month_ends);
    for (int q = 0; q < 4; q++)
        print_message("opened in quarter %d: %.3f events per day left (real %.3f)\n", q + 1, got[q], want[q]);
    assert_true(fabs((double)events[1] - (double)events[0]) <= 0.1 * (double)events[0]);
    assert_true(month_ends <= 1.5 * real_month_ends + 0.01);
    for (int q = 0; q < 4; q++)
        assert_true(fabs(got[q] - want[q]) <= 0.35 * want[q]);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Accounts opened on days 0..363 of 1993, each with a deposit, then a salary on its own day of
 * every month (1..28) and withdrawals at a pace of its own (every 4 to 9 days); with `orders`,
 * also a standing order (type "order", a debit) on its own day of the month among days 5-14. */
static char *salaried_folder(int orders)
{
    FILE *accounts, *trans;
    char *directory = made_up_bank(orders ? "ordering" : "salaried", &accounts, &trans);
    for (int a = 0, id = 1; a < 400; a++) {
        int opened = (a * 89) % 364, payday = 1 + (a * 7) % 28, pace = 4 + (int)(((unsigned)a * 2654435761u) >> 20) % 6;
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(opened), a % 2 ? "monthly" : "weekly");
        long balance = 500;
        fprintf(trans, "%d,%d,%d,credit,500.00,500.00\n", id++, 100 + a, yymmdd(opened));
        for (int day = opened + 1, next = opened + pace; day < 365; day++) {
            if (yymmdd(day) % 100 == payday) {
                balance += 1000 + 100 * (a % 10);
                fprintf(trans, "%d,%d,%d,credit,%d.00,%ld.00\n", id++, 100 + a, yymmdd(day), 1000 + 100 * (a % 10),
                        balance);
            }
            if (day == next) {
                balance -= 50 + 10 * (a % 7), next += pace;
                fprintf(trans, "%d,%d,%d,debit,%d.00,%ld.00\n", id++, 100 + a, yymmdd(day), 50 + 10 * (a % 7), balance);
            }
            if (orders && yymmdd(day) % 100 == 5 + a % 10) {
                balance -= 200;
                fprintf(trans, "%d,%d,%d,order,200.00,%ld.00\n", id++, 100 + a, yymmdd(day), balance);
            }
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* The same day of the next month (cut to its length), as a time, from the C library's calendar. */
static double one_month_after(double seconds)
{
    time_t t = (time_t)seconds;
    struct tm day;
    gmtime_r(&t, &day);
    struct tm next = {.tm_year = day.tm_year, .tm_mon = day.tm_mon + 1, .tm_mday = day.tm_mday};
    struct tm after_next = {.tm_year = day.tm_year, .tm_mon = day.tm_mon + 2, .tm_mday = 1};
    struct tm first = {.tm_year = day.tm_year, .tm_mon = day.tm_mon + 1, .tm_mday = 1};
    int days = (int)((timegm(&after_next) - timegm(&first)) / 86400);
    next.tm_mday = day.tm_mday < days ? day.tm_mday : days;
    return (double)timegm(&next);
}

/* Of the credits that follow an earlier credit of their account, the share dated exactly a
 * month after it; *events receives the number of transactions. */
static double credits_a_month_apart(const riskgan_dataset *d, size_t *events)
{
    rg_child_view view;
    assert_int_equal(rg_child_view_open(d, trans_of(d), &view), RISKGAN_OK);
    const riskgan_table *trans = d->tables[view.child];
    size_t type = (size_t)riskgan_table_find_column(trans, "type"), followed = 0, monthly = 0;
    for (size_t p = 0; p < view.sequences.parents; p++) {
        double last = NAN;
        for (size_t i = view.sequences.start[p]; i < view.sequences.start[p + 1]; i++) {
            size_t row = view.sequences.row[i];
            const char *kind = riskgan_table_category(trans, row, type);
            if (!kind || strcmp(kind, "credit") != 0)
                continue;
            double date = riskgan_table_number(trans, row, (size_t)view.index);
            followed += !isnan(last);
            monthly += !isnan(last) && date == one_month_after(last);
            last = date;
        }
    }
    *events = trans->rows;
    rg_child_view_close(&view);
    return followed ? (double)monthly / (double)followed : 0;
}

/* A model fitted with the options and as many generated parents as real ones, drawn with `seed`. */
static riskgan_dataset *fitted_sample(const riskgan_dataset *real, const riskgan_relational_fit_options *options,
                                      uint64_t seed, riskgan_relational_model **m)
{
    riskgan_dataset *synthetic = NULL;
    assert_int_equal(riskgan_relational_fit(real, options, m), RISKGAN_OK);
    assert_int_equal(riskgan_relational_sample(*m, 1.0, seed, &synthetic), RISKGAN_OK);
    return synthetic;
}

/* A model fitted with the default options (seed `fit_seed`, one thread) and as many generated
 * parents as real ones, drawn with `seed`. */
static riskgan_dataset *default_sample(const riskgan_dataset *real, uint64_t fit_seed, uint64_t seed,
                                       riskgan_relational_model **m)
{
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.seed = fit_seed, options.threads = 1;
    return fitted_sample(real, &options, seed, m);
}

/* A salary comes a month after the last one, on its day: in the real data all but the first
 * (which follows the opening deposit) do, 0.84 of the credits. With monthly echoes (a fit
 * option) generated credits keep that habit at least half as often (0.54), and the number of
 * events stays the real one; without, 0.08 of them did (a gap head had to land on the day by
 * drawing a gap of the right length). */
static void monthly_events_come_back_on_their_day(void **state)
{
    (void)state;
    char *directory = salaried_folder(0);
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.seed = 4, options.threads = 1, options.monthly_echoes = 1;
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = fitted_sample(real, &options, 8, &m);
    size_t events[2];
    double want = credits_a_month_apart(real, &events[0]), got = credits_a_month_apart(synthetic, &events[1]);
    print_message("credits a month after the last one %.3f (real %.3f); events %zu (real %zu)\n", got, want, events[1],
                  events[0]);
    assert_true(got >= 0.5 * want);
    assert_true(fabs((double)events[1] - (double)events[0]) <= 0.1 * (double)events[0]);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Accounts opened on days 0..199 of 1993, each with a deposit, withdrawals at a pace of its own
 * (every 4 to 9 days), a salary on its own day of the month, and from 120 days after its
 * opening a fee of 15.00 on every month's last day. */
static char *fee_folder(void)
{
    FILE *accounts, *trans;
    char *directory = made_up_bank("fees", &accounts, &trans);
    static const int month_end[] = {30, 58, 89, 119, 150, 180, 211, 242, 272, 303, 333, 364};
    for (int a = 0, id = 1; a < 400; a++) {
        int opened = (a * 89) % 200, payday = 1 + (a * 7) % 28, pace = 4 + (int)(((unsigned)a * 2654435761u) >> 20) % 6;
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(opened), a % 2 ? "monthly" : "weekly");
        long balance = 900;
        fprintf(trans, "%d,%d,%d,credit,900.00,900.00\n", id++, 100 + a, yymmdd(opened));
        for (int day = opened + 1, next = opened + pace, m = 0; day < 365; day++) {
            if (yymmdd(day) % 100 == payday) {
                balance += 800;
                fprintf(trans, "%d,%d,%d,credit,800.00,%ld.00\n", id++, 100 + a, yymmdd(day), balance);
            }
            if (day == next) {
                balance -= 100 + 10 * (a % 7), next += pace;
                fprintf(trans, "%d,%d,%d,debit,%d.00,%ld.00\n", id++, 100 + a, yymmdd(day), 100 + 10 * (a % 7),
                        balance);
            }
            for (; m < 12 && month_end[m] < day; m++)
                ;
            if (m < 12 && day == month_end[m] && day - opened >= 120) {
                balance -= 15;
                fprintf(trans, "%d,%d,%d,fee,15.00,%ld.00\n", id++, 100 + a, yymmdd(day), balance);
            }
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* The share of fees dated fewer than 120 days after their account's opening; *fees receives
 * how many fees there are. */
static double early_fees(const riskgan_dataset *d, size_t *fees)
{
    rg_child_view view;
    assert_int_equal(rg_child_view_open(d, trans_of(d), &view), RISKGAN_OK);
    const riskgan_table *accounts = d->tables[view.parent], *trans = d->tables[view.child];
    size_t opened = (size_t)riskgan_table_find_column(accounts, "opened");
    size_t type = (size_t)riskgan_table_find_column(trans, "type"), early = 0;
    *fees = 0;
    for (size_t p = 0; p < view.sequences.parents; p++)
        for (size_t i = view.sequences.start[p]; i < view.sequences.start[p + 1]; i++) {
            size_t row = view.sequences.row[i];
            const char *kind = riskgan_table_category(trans, row, type);
            if (!kind || strcmp(kind, "fee") != 0)
                continue;
            double days = (riskgan_table_number(trans, row, (size_t)view.index) -
                           riskgan_table_number(accounts, p, opened)) / 86400.0;
            *fees += 1, early += days < 120;
        }
    rg_child_view_close(&view);
    return *fees ? (double)early / (double)*fees : 0;
}

/* Fees start in an account's fifth month. The heads read the days since the account's opening
 * through their logarithm, which blurs 90 days into 120: 24 % of generated fees came earlier
 * (and 25 % more fees than real). They now also read the months since the opening: 12 % (the
 * gap head, which sees the previous event's month, still puts some month ends, the fees' days,
 * in the fourth month; months of 30 days from the opening gave 9 %, months counted from the
 * month's first day do better on Berka). That 12 % was a lucky sample: over sample seeds 9-15
 * of this model the share is 0.127-0.175 (mean 0.149; 0.146-0.165, mean 0.154, once number
 * gaps stay off month ends), so the bar is 0.19, which a model without the months (0.24) fails. */
static void fees_start_in_the_fifth_month(void **state)
{
    (void)state;
    char *directory = fee_folder();
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 5, 9, &m);
    size_t fees[2];
    double want = early_fees(real, &fees[0]), got = early_fees(synthetic, &fees[1]);
    print_message("fees before the fifth month %.3f (real %.3f); fees %zu (real %zu)\n", got, want, fees[1], fees[0]);
    assert_true(want == 0);
    assert_true(got <= 0.19);
    assert_true(fabs((double)fees[1] - (double)fees[0]) <= 0.2 * (double)fees[0]);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Of the events of a type, how many fall outside days 5-14 of their month; *all receives how
 * many there are. */
static size_t outside_days_5_to_14(const riskgan_dataset *d, const char *type, size_t *all)
{
    const riskgan_table *trans = d->tables[trans_of(d)];
    size_t column = (size_t)riskgan_table_find_column(trans, "type"), outside = 0;
    size_t date = (size_t)riskgan_table_find_column(trans, "date");
    *all = 0;
    for (size_t r = 0; r < trans->rows; r++) {
        const char *kind = riskgan_table_category(trans, r, column);
        if (!kind || strcmp(kind, type) != 0)
            continue;
        time_t t = (time_t)riskgan_table_number(trans, r, date);
        struct tm day;
        gmtime_r(&t, &day);
        (*all)++, outside += day.tm_mday < 5 || day.tm_mday > 14;
    }
    return outside;
}

/* Standing orders come on days 5-14 of the month only. A category head reads the day as one
 * number, and drew 1,097 of 2,360 generated orders on other days before the days of the month
 * were learned (real: 2,305, none). An event whose type was never seen on its day, where chance
 * would put ten events of the type, then drew its day and type again (2,024 orders, none
 * outside: 12 % of the orders became other events; leaving the type out on the day instead
 * gave 1,770). Now, by default, such an event moves to a day of its month its type falls on
 * (2,168 orders, none outside), and the number of orders stays within 8 % of the real one. */
static void kinds_keep_their_days_of_the_month(void **state)
{
    (void)state;
    char *directory = salaried_folder(1);
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 5, 9, &m);
    size_t orders[2], outside[2] = {outside_days_5_to_14(real, "order", &orders[0]),
                                    outside_days_5_to_14(synthetic, "order", &orders[1])};
    print_message("orders %zu, %zu of them outside days 5-14 (real %zu, %zu)\n", orders[1], outside[1], orders[0],
                  outside[0]);
    assert_int_equal(outside[0], 0);
    assert_int_equal(outside[1], 0);
    assert_true(fabs((double)orders[1] - (double)orders[0]) <= 0.08 * (double)orders[0]);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

typedef struct {
    double account;
    int month;
} account_month;

static int account_month_compare(const void *a, const void *b)
{
    const account_month *x = a, *y = b;
    return x->account < y->account ? -1 : x->account > y->account ? 1 : (x->month > y->month) - (x->month < y->month);
}

static int month_number(double seconds)
{
    time_t t = (time_t)seconds;
    struct tm day;
    gmtime_r(&t, &day);
    return day.tm_year * 12 + day.tm_mon;
}

/* Of the months in which an account has an event of a type, those whose next month ends before
 * the data's last month, the share followed by a month with the type; *months receives their
 * number. */
static double kept_next_month(const riskgan_dataset *d, const char *type, size_t *months)
{
    const riskgan_table *trans = d->tables[trans_of(d)];
    size_t column = (size_t)riskgan_table_find_column(trans, "type"), n = 0, kept = 0;
    size_t date = (size_t)riskgan_table_find_column(trans, "date");
    size_t account = (size_t)riskgan_table_find_column(trans, "account_id");
    account_month *pairs = calloc(trans->rows + 1, sizeof *pairs);
    int last = 0;
    for (size_t r = 0; r < trans->rows; r++) {
        int month = month_number(riskgan_table_number(trans, r, date));
        last = month > last ? month : last;
        const char *kind = riskgan_table_category(trans, r, column);
        if (kind && strcmp(kind, type) == 0)
            pairs[n++] = (account_month){riskgan_table_number(trans, r, account), month};
    }
    qsort(pairs, n, sizeof *pairs, account_month_compare);
    *months = 0;
    for (size_t i = 0; i < n; i++) {
        if ((i > 0 && account_month_compare(&pairs[i], &pairs[i - 1]) == 0) || pairs[i].month + 1 >= last)
            continue;
        size_t next = i + 1;
        while (next < n && account_month_compare(&pairs[next], &pairs[i]) == 0)
            next++;
        (*months)++;
        kept += next < n && pairs[next].account == pairs[i].account && pairs[next].month == pairs[i].month + 1;
    }
    free(pairs);
    return *months ? (double)kept / (double)*months : 0;
}

/* A standing order comes every month once an account has one, and so does a salary: no month
 * in the real data is followed by one without. Generated sequences drew a next date past an
 * order's due date and so skipped it in 2 % of months (the Berka half: 12-16 % of interest,
 * fees, standing orders and pensions); now, by default, a drawn date past a monthly kind's due
 * date has that kind's event on the due date first (the drawn event follows it). */
static void monthly_kinds_are_never_skipped(void **state)
{
    (void)state;
    char *directory = salaried_folder(1);
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 5, 9, &m);
    const char *types[2] = {"order", "credit"};
    for (int k = 0; k < 2; k++) {
        size_t months[2];
        double want = kept_next_month(real, types[k], &months[0]), got = kept_next_month(synthetic, types[k], &months[1]);
        print_message("%s: %zu months, %.3f kept the next month (real %zu, %.3f)\n", types[k], months[1], got,
                      months[0], want);
        assert_true(want == 1.0);
        assert_true(months[1] > months[0] / 2);
        assert_true(got >= 0.99);
    }
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Accounts opened on days 0..363 of 1993 with a deposit, a salary on their day of every
 * month, withdrawals at a pace of their own and interest on every month's last day, rounded on
 * its own to tenths: 3 interest credits in 10 move the balance 0.1 more or less than their
 * amount. */
static char *rounded_interest_folder(void)
{
    FILE *accounts, *trans;
    char *directory = made_up_bank("interest", &accounts, &trans);
    for (int a = 0, id = 1, credited = 0; a < 300; a++) {
        int opened = (a * 89) % 364, payday = 1 + (a * 7) % 28, pace = 4 + (int)(((unsigned)a * 2654435761u) >> 20) % 6;
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(opened), a % 2 ? "monthly" : "weekly");
        long cents = 50000;
        fprintf(trans, "%d,%d,%d,credit,500.00,500.00\n", id++, 100 + a, yymmdd(opened));
        for (int day = opened + 1, next = opened + pace; day < 365; day++) {
            if (yymmdd(day) % 100 == payday) {
                cents += 100000 + 10000 * (a % 10);
                fprintf(trans, "%d,%d,%d,credit,%d.00,%.2f\n", id++, 100 + a, yymmdd(day), 1000 + 100 * (a % 10),
                        cents / 100.0);
            }
            if (day == next && cents > 20000) {
                cents -= 5000 + 1000 * (a % 7), next += pace;
                fprintf(trans, "%d,%d,%d,debit,%d.00,%.2f\n", id++, 100 + a, yymmdd(day), 50 + 10 * (a % 7),
                        cents / 100.0);
            } else if (day == next) {
                next += pace;
            }
            if (day == 364 || yymmdd(day + 1) % 100 == 1) { /* the month's last day */
                long interest = cents / 5000 * 10, off = credited % 10 < 3 ? (credited % 2 ? 10 : -10) : 0;
                cents += interest + off, credited++;
                fprintf(trans, "%d,%d,%d,interest,%.2f,%.2f\n", id++, 100 + a, yymmdd(day), interest / 100.0,
                        cents / 100.0);
            }
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* Of the events after a sequence's first, the share of interest credits whose balance moved
 * 0.1 more or less than their amount; *others receives how many other events' balances moved
 * otherwise than by their amount. */
static double interest_off_by_a_tenth(const riskgan_dataset *d, size_t *others)
{
    rg_child_view view;
    assert_int_equal(rg_child_view_open(d, trans_of(d), &view), RISKGAN_OK);
    const riskgan_table *trans = d->tables[view.child];
    size_t type = (size_t)riskgan_table_find_column(trans, "type"), interest = 0, off = 0;
    size_t amount = (size_t)riskgan_table_find_column(trans, "amount");
    size_t balance = (size_t)riskgan_table_find_column(trans, "balance");
    *others = 0;
    for (size_t p = 0; p < view.sequences.parents; p++)
        for (size_t i = view.sequences.start[p] + 1; i < view.sequences.start[p + 1]; i++) {
            size_t row = view.sequences.row[i];
            const char *kind = riskgan_table_category(trans, row, type);
            double change = (strcmp(kind, "debit") == 0 ? -1 : 1) * riskgan_table_number(trans, row, amount);
            double left = riskgan_table_number(trans, row, balance) -
                          riskgan_table_number(trans, view.sequences.row[i - 1], balance) - change;
            if (strcmp(kind, "interest") == 0)
                interest++, off += fabs(fabs(left) - 0.1) < 0.005;
            else
                *others += fabs(left) >= 0.005;
        }
    rg_child_view_close(&view);
    return interest ? (double)off / (double)interest : 0;
}

/* A bank's interest rounded on its own leaves its balance 0.1 off the amount in 3 credits of
 * 10. Generated balances used to follow the amounts exactly, every time: a tell for a
 * detector, and the balance rule kept more often than in the real data. Now the kind's
 * habitual residuals are drawn with their shares, and no other event's balance is off. */
static void habitual_residuals_are_kept(void **state)
{
    (void)state;
    char *directory = rounded_interest_folder();
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 6, 10, &m);
    size_t others[2];
    double want = interest_off_by_a_tenth(real, &others[0]), got = interest_off_by_a_tenth(synthetic, &others[1]);
    rg_child_view views[2];
    rg_rule_shares shares[2];
    shares_of(real, &views[0], &shares[0]), shares_of(synthetic, &views[1], &shares[1]);
    print_message("interest off by a tenth %.3f (real %.3f), other events off %zu (real %zu); balance rule kept "
                  "%.3f (real %.3f)\n",
                  got, want, others[1], others[0], shares[1].balance, shares[0].balance);
    assert_true(fabs(want - 0.3) < 0.01);
    assert_true(fabs(got - want) < 0.05);
    assert_int_equal(others[0], 0);
    assert_int_equal(others[1], 0);
    assert_true(fabs(shares[1].balance - shares[0].balance) < 0.02);
    rg_child_view_close(&views[0]), rg_child_view_close(&views[1]);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* A folder for a made-up bank whose events have one more category column, `column` (before
 * the amount), with the two tables opened and their headers written. */
static char *bank_with_category(const char *name, const char *column, FILE **accounts, FILE **trans)
{
    char template[64], extra[96];
    snprintf(template, sizeof template, "/tmp/riskgan-%s-XXXXXX", name);
    char *directory = strdup(mkdtemp(template));
    assert_non_null(directory);
    FILE *json = open_in(directory, "metadata.json");
    snprintf(extra, sizeof extra, "\"%s\": {\"sdtype\": \"categorical\"}, \"amount\"", column);
    char *with_column = strdup(metadata), *at = strstr(with_column, "\"amount\"");
    fprintf(json, "%.*s%s%s", (int)(at - with_column), with_column, extra, at + strlen("\"amount\""));
    fclose(json), free(with_column);
    *accounts = open_in(directory, "account.csv"), *trans = open_in(directory, "trans.csv");
    fputs("account_id,opened,frequency\n", *accounts);
    fprintf(*trans, "trans_id,account_id,date,type,%s,amount,balance\n", column);
    return directory;
}

/* Each event's type comes with its channel (a credit by payroll or at the branch, a debit at
 * an ATM or by card, interest by none). */
static char *channel_folder(void)
{
    FILE *accounts, *trans;
    char *directory = bank_with_category("channels", "channel", &accounts, &trans);
    static const char *types[] = {"credit", "credit", "debit", "debit", "interest"};
    static const char *channels[] = {"payroll", "branch", "atm", "card", ""};
    for (int a = 0, id = 1; a < 300; a++) {
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(a % 200), a % 2 ? "monthly" : "weekly");
        long balance = 0;
        for (int day = a % 200, e = 0; day < 365; day += 3 + (a + e) % 5, e++) {
            int k = e == 0 ? a % 2 : (a * 7 + e * 13) % 5;
            k = k >= 2 && k <= 3 && balance < 200 ? k - 2 : k;
            long amount = k == 4 ? 5 : 100 + 10 * ((a + e) % 9);
            balance += k == 2 || k == 3 ? -amount : amount;
            fprintf(trans, "%d,%d,%d,%s,%s,%ld.00,%ld.00\n", id++, 100 + a, yymmdd(day), types[k], channels[k], amount,
                    balance);
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* How many events have a type and channel that never go together in the channel bank. */
static size_t mismatched_channels(const riskgan_dataset *d, size_t *events)
{
    const riskgan_table *trans = d->tables[trans_of(d)];
    size_t type = (size_t)riskgan_table_find_column(trans, "type");
    size_t channel = (size_t)riskgan_table_find_column(trans, "channel"), mismatched = 0;
    static const char *pairs[] = {"credit|payroll", "credit|branch", "debit|atm", "debit|card", "interest|"};
    for (size_t r = 0; r < trans->rows; r++) {
        char pair[64];
        const char *c = riskgan_table_category(trans, r, channel);
        snprintf(pair, sizeof pair, "%s|%s", riskgan_table_category(trans, r, type), c ? c : "");
        int known = 0;
        for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
            known |= strcmp(pair, pairs[k]) == 0;
        mismatched += !known;
    }
    *events = trans->rows;
    return mismatched;
}

/* The category heads draw one after another from softmaxes, so a debit could come by payroll
 * (Berka: 3 % of generated events in combinations no real event has). Generated events now come
 * in the combinations the data has, and as many of them. */
static void categories_come_in_the_data_combinations(void **state)
{
    (void)state;
    char *directory = channel_folder();
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 7, 11, &m);
    size_t events[2], mismatched[2] = {mismatched_channels(real, &events[0]), mismatched_channels(synthetic, &events[1])};
    print_message("%zu of %zu events in a combination the data does not have (real %zu of %zu)\n", mismatched[1],
                  events[1], mismatched[0], events[0]);
    assert_int_equal(mismatched[0], 0);
    assert_int_equal(mismatched[1], 0);
    assert_true(fabs((double)events[1] - (double)events[0]) <= 0.15 * (double)events[0]);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Deposits and withdrawals at a pace of their own, without a payee, and a standing order on
 * the 5th of every month to one of sixteen banks (each the payee of 18 or 19 accounts); one
 * account in ten also pays its loan on the 12th of every month to its lender, one of the same
 * banks, so that no bank is the lender of five accounts. */
static char *lender_folder(void)
{
    FILE *accounts, *trans;
    char *directory = bank_with_category("lenders", "payee", &accounts, &trans);
    static const char *lenders[] = {"AB", "CD", "EF", "GH", "IJ", "KL", "MN", "OP",
                                    "QR", "ST", "UV", "WX", "YZ", "BA", "DC", "FE"};
    for (int a = 0, id = 1; a < 300; a++) {
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(a % 200), a % 2 ? "monthly" : "weekly");
        long balance = 0;
        for (int day = a % 200, e = 0; day < 365; day++) {
            if (day == a % 200 + e * (3 + a % 5)) {
                int debit = e > 0 && (a + e) % 3 == 0 && balance > 500;
                balance += debit ? -200 : 300;
                fprintf(trans, "%d,%d,%d,%s,,%d.00,%ld.00\n", id++, 100 + a, yymmdd(day), debit ? "debit" : "credit",
                        debit ? 200 : 300, balance);
                e++;
            }
            if (day > a % 200 && yymmdd(day) % 100 == 5) {
                balance -= 100;
                fprintf(trans, "%d,%d,%d,order,%s,100.00,%ld.00\n", id++, 100 + a, yymmdd(day), lenders[a % 16], balance);
            }
            if (a % 10 == 0 && day > a % 200 + 20 && yymmdd(day) % 100 == 12) {
                balance -= 250;
                fprintf(trans, "%d,%d,%d,loan,%s,250.00,%ld.00\n", id++, 100 + a, yymmdd(day), lenders[(a / 10 * 3) % 16],
                        balance);
            }
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* How many events are loan payments, and how many of those have no payee. */
static size_t loan_payments(const riskgan_dataset *d, size_t *without_payee)
{
    const riskgan_table *trans = d->tables[trans_of(d)];
    size_t type = (size_t)riskgan_table_find_column(trans, "type");
    size_t payee = (size_t)riskgan_table_find_column(trans, "payee"), loans = 0;
    *without_payee = 0;
    for (size_t r = 0; r < trans->rows; r++) {
        const char *kind = riskgan_table_category(trans, r, type);
        if (!kind || strcmp(kind, "loan") != 0)
            continue;
        loans++;
        *without_payee += riskgan_table_category(trans, r, payee) == NULL;
    }
    return loans;
}

/* A kind of event whose partner bank (a column of more than nine values) differs from account
 * to account, none with five of them: counted bank by bank, no combination of it was kept, and
 * so it was never generated (Berka: loan payments, transfers out without a symbol). The
 * combinations now count such a column as present or missing. */
static void a_kind_with_many_partner_banks_is_generated(void **state)
{
    (void)state;
    char *directory = lender_folder();
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 3, 5, &m);
    size_t without[2], loans[2] = {loan_payments(real, &without[0]), loan_payments(synthetic, &without[1])};
    print_message("%zu loan payments, %zu without a payee (real %zu, %zu)\n", loans[1], without[1], loans[0], without[0]);
    assert_true(loans[0] > 200 && without[0] == 0);
    assert_true(loans[1] >= loans[0] / 2);
    assert_int_equal(without[1], 0);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* Each account's salary comes every month from its own payer's bank (one of sixteen: more than the model's clocks, which would
 * tell the payer of the last salary) and is the
 * same amount every time; cash deposits and withdrawals have no payer. Accounts open on 60
 * days, five a day: neither the payer nor the salary follows from the opening date. */
static char *payer_folder(void)
{
    FILE *accounts, *trans;
    char *directory = bank_with_category("payers", "payer", &accounts, &trans);
    static const char *payers[] = {"AB", "CD", "EF", "GH", "IJ", "KL", "MN", "OP",
                                   "QR", "ST", "UV", "WX", "YZ", "BA", "DC", "FE"};
    for (int a = 0, id = 1; a < 300; a++) {
        unsigned mix = (unsigned)a * 2654435761u;
        int opened = (a * 37) % 60, payday = 1 + (a * 7) % 28, pace = 4 + (a * 5) % 7, by = (int)(mix >> 13) % 16;
        long salary = 900 + 37 * (long)((mix >> 17) % 23), balance = 500;
        fprintf(accounts, "%d,%d,%s\n", 100 + a, yymmdd(opened), a % 2 ? "monthly" : "weekly");
        fprintf(trans, "%d,%d,%d,credit,,500.00,500.00\n", id++, 100 + a, yymmdd(opened));
        for (int day = opened + 1, next = opened + pace, e = 0; day < 365; day++) {
            if (yymmdd(day) % 100 == payday) {
                balance += salary;
                fprintf(trans, "%d,%d,%d,credit,%s,%ld.00,%ld.00\n", id++, 100 + a, yymmdd(day), payers[by], salary,
                        balance);
            }
            if (day == next) {
                long amount = 40 + 10 * ((a + e++) % 9);
                balance -= amount, next += pace;
                fprintf(trans, "%d,%d,%d,debit,,%ld.00,%ld.00\n", id++, 100 + a, yymmdd(day), amount, balance);
            }
        }
    }
    fclose(accounts), fclose(trans);
    return directory;
}

/* Of the accounts with at least two salaries (credits with a payer), the share paid by one
 * payer only; *same_amount receives the share of salaries following one of the same payer
 * that repeat its amount. */
static double one_payer_share(const riskgan_dataset *d, double *same_amount)
{
    rg_child_view view;
    assert_int_equal(rg_child_view_open(d, trans_of(d), &view), RISKGAN_OK);
    const riskgan_table *trans = d->tables[view.child];
    size_t payer = (size_t)riskgan_table_find_column(trans, "payer");
    size_t amount = (size_t)riskgan_table_find_column(trans, "amount");
    size_t paid = 0, one_payer = 0, followed = 0, repeated = 0;
    for (size_t p = 0; p < view.sequences.parents; p++) {
        const char *first = NULL, *previous = NULL;
        int only = 1;
        double last = NAN;
        size_t salaries = 0;
        for (size_t i = view.sequences.start[p]; i < view.sequences.start[p + 1]; i++) {
            size_t row = view.sequences.row[i];
            const char *by = riskgan_table_category(trans, row, payer);
            if (!by)
                continue;
            double value = riskgan_table_number(trans, row, amount);
            int same_payer = previous && strcmp(previous, by) == 0;
            first = first ? first : by, only &= strcmp(first, by) == 0, salaries++;
            followed += same_payer, repeated += same_payer && value == last, last = value, previous = by;
        }
        paid += salaries >= 2, one_payer += salaries >= 2 && only;
    }
    rg_child_view_close(&view);
    *same_amount = followed ? (double)repeated / (double)followed : 0;
    return paid ? (double)one_payer / (double)paid : 0;
}

/* A category after the first can repeat the latest event with the same earlier categories: the
 * payer of a salary stays the account's own (each was drawn afresh: Berka's pensions came from
 * 5.4 banks per account, real 1.0), and so the salary's kind, and its amount with it, repeats. */
static void payers_and_amounts_repeat(void **state)
{
    (void)state;
    char *directory = payer_folder();
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = NULL;
    riskgan_dataset *synthetic = default_sample(real, 5, 9, &m);
    double same[2], one[2] = {one_payer_share(real, &same[0]), one_payer_share(synthetic, &same[1])};
    print_message("accounts paid by one payer %.3f (real %.3f); salaries repeating the payer's last %.3f (real %.3f)\n",
                  one[1], one[0], same[1], same[0]);
    assert_true(one[0] == 1.0 && same[0] == 1.0);
    assert_true(one[1] >= 0.8);
    assert_true(same[1] >= 0.7);
    riskgan_dataset_free(synthetic), riskgan_dataset_free(real);
    riskgan_relational_model_free(m);
    remove_tree(directory);
}

/* A model of `real` fitted in two epochs (seed 3, one thread): for tests of the model file. */
static riskgan_relational_model *quick_fit(const riskgan_dataset *real)
{
    riskgan_relational_fit_options options;
    riskgan_relational_fit_options_init(&options);
    options.root.epochs = 2, options.epochs = 2, options.seed = 3, options.threads = 1;
    riskgan_relational_model *m = NULL;
    assert_int_equal(riskgan_relational_fit(real, &options, &m), RISKGAN_OK);
    return m;
}

/* An event network's shape is the model's own: one hidden layer as wide as the model says.
 * A file with another (a network of three layers) was read, and sampling, which sizes its
 * workspace from the first head's shape, would have written past it; now the file is refused. */
static void an_event_network_of_another_shape_is_refused(void **state)
{
    (void)state;
    char *directory = bank_folder(0, NULL);
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = quick_fit(real);
    rg_event_model *events = &m->tables[trans_of(real)].events;
    rg_mlp *net = &events->head[events->heads - 1].net;
    int dims[4] = {net->dim[0], events->hidden, events->hidden, net->dim[2]};
    rg_rng rng;
    rg_rng_seed(&rng, 1);
    rg_mlp_free(net);
    assert_int_equal(rg_mlp_init(net, 3, dims, RG_ACTIVATION_RELU, &rng), RISKGAN_OK);
    char path[300];
    snprintf(path, sizeof path, "%s/deeper.rgan", directory);
    assert_int_equal(riskgan_relational_model_save(m, path), RISKGAN_OK);
    riskgan_relational_model_free(m);
    riskgan_relational_model *loaded = NULL;
    riskgan_status status = riskgan_relational_model_load(path, &loaded);
    print_message("loading a three-layer event network: %s\n", status == RISKGAN_OK ? "read" : riskgan_last_error());
    assert_int_equal(status, RISKGAN_ERR_FORMAT);
    assert_non_null(strstr(riskgan_last_error(), "corrupt"));
    assert_null(loaded);
    riskgan_dataset_free(real);
    remove_tree(directory);
}

/* The kinds due every month are part of the model file: read back as written, and a file whose
 * monthly kinds name a clock the model does not have, or a month-end kind that is not due every
 * month, is refused as corrupt. */
static void monthly_kinds_survive_the_file_and_bad_ones_are_refused(void **state)
{
    (void)state;
    char *directory = salaried_folder(1);
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = quick_fit(real);
    rg_event_model *events = &m->tables[trans_of(real)].events;
    uint32_t scheduled = events->scheduled, at_end = events->due_at_month_end;
    print_message("%zu clocks, scheduled %#x, at month ends %#x\n", events->clocks, scheduled, at_end);
    assert_true(scheduled != 0);
    char path[300];
    snprintf(path, sizeof path, "%s/monthly.rgan", directory);
    assert_int_equal(riskgan_relational_model_save(m, path), RISKGAN_OK);
    riskgan_relational_model *loaded = NULL;
    assert_int_equal(riskgan_relational_model_load(path, &loaded), RISKGAN_OK);
    assert_int_equal(loaded->tables[trans_of(real)].events.scheduled, scheduled);
    assert_int_equal(loaded->tables[trans_of(real)].events.due_at_month_end, at_end);
    riskgan_relational_model_free(loaded);
    uint32_t bad[2][2] = {{scheduled | 1u << events->clocks, at_end}, {scheduled & ~1u, at_end | 1u}};
    for (int k = 0; k < 2; k++) {
        events->scheduled = bad[k][0], events->due_at_month_end = bad[k][1];
        assert_int_equal(riskgan_relational_model_save(m, path), RISKGAN_OK);
        loaded = NULL;
        assert_int_equal(riskgan_relational_model_load(path, &loaded), RISKGAN_ERR_FORMAT);
        assert_non_null(strstr(riskgan_last_error(), "monthly kinds are invalid"));
        assert_null(loaded);
    }
    riskgan_relational_model_free(m);
    riskgan_dataset_free(real);
    remove_tree(directory);
}

/* Every head reads how far the balance is from its band (with a running balance) and the
 * event's month since the parent's date (with dated parents): both flags are part of the model
 * file, read back as written; a file whose flag is not 0 or 1, or does not match the width of
 * its heads' inputs, is refused as corrupt. */
static void input_flags_survive_the_file_and_bad_ones_are_refused(void **state)
{
    (void)state;
    char *directory = bank_folder(0, NULL);
    riskgan_dataset *real = read_bank(directory);
    riskgan_relational_model *m = quick_fit(real);
    rg_event_model *events = &m->tables[trans_of(real)].events;
    assert_int_equal(events->band_inputs, 1);
    assert_int_equal(events->parent_months, 1);
    char path[300];
    snprintf(path, sizeof path, "%s/flags.rgan", directory);
    assert_int_equal(riskgan_relational_model_save(m, path), RISKGAN_OK);
    riskgan_relational_model *loaded = NULL;
    assert_int_equal(riskgan_relational_model_load(path, &loaded), RISKGAN_OK);
    assert_int_equal(loaded->tables[trans_of(real)].events.band_inputs, 1);
    assert_int_equal(loaded->tables[trans_of(real)].events.parent_months, 1);
    riskgan_relational_model_free(loaded);
    static const int bad[4][2] = {{2, 1}, {0, 1}, {1, 2}, {1, 0}};
    static const char *reasons[4] = {"flags are invalid", "input width does not match", "flags are invalid",
                                     "input width does not match"};
    for (int k = 0; k < 4; k++) {
        events->band_inputs = bad[k][0], events->parent_months = bad[k][1];
        assert_int_equal(riskgan_relational_model_save(m, path), RISKGAN_OK);
        loaded = NULL;
        assert_int_equal(riskgan_relational_model_load(path, &loaded), RISKGAN_ERR_FORMAT);
        print_message("band inputs %d, months %d: %s\n", bad[k][0], bad[k][1], riskgan_last_error());
        assert_non_null(strstr(riskgan_last_error(), reasons[k]));
        assert_null(loaded);
    }
    riskgan_relational_model_free(m);
    riskgan_dataset_free(real);
    remove_tree(directory);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_balance_rule_is_detected),
        cmocka_unit_test(children_are_summarized_in_their_parents),
        cmocka_unit_test(generated_sequences_keep_the_rules),
        cmocka_unit_test(periodic_statements_come_out_whole),
        cmocka_unit_test(lengths_follow_the_opening_date),
        cmocka_unit_test(monthly_events_come_back_on_their_day),
        cmocka_unit_test(kinds_keep_their_days_of_the_month),
        cmocka_unit_test(monthly_kinds_are_never_skipped),
        cmocka_unit_test(fees_start_in_the_fifth_month),
        cmocka_unit_test(habitual_residuals_are_kept),
        cmocka_unit_test(categories_come_in_the_data_combinations),
        cmocka_unit_test(a_kind_with_many_partner_banks_is_generated),
        cmocka_unit_test(payers_and_amounts_repeat),
        cmocka_unit_test(adversarial_rounds_repeat_themselves),
        cmocka_unit_test(a_small_child_table_is_learned),
        cmocka_unit_test(an_event_network_of_another_shape_is_refused),
        cmocka_unit_test(monthly_kinds_survive_the_file_and_bad_ones_are_refused),
        cmocka_unit_test(input_flags_survive_the_file_and_bad_ones_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
