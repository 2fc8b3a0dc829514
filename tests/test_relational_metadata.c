/* test_relational_metadata.c — the metadata of linked tables and the checks of reading them
 * (src/relational/metadata.c, dataset.c): a valid file reads and writes back the same; unknown
 * keys, two parents, circles and newer versions are refused by name; a missing file, a
 * duplicate primary key, a foreign key naming no parent row and a date that does not parse
 * are errors naming the table, the line and the column; identifiers too large to count fresh
 * ones from are refused at fitting. */
#include "test_support.h"

#include <sys/stat.h>

#include "relational/metadata.h"
#include "riskgan.h"

static const char accounts_csv[] = "account_id,opened,frequency\n1,930101,monthly\n2,930215,weekly\n3,930301,monthly\n";
static const char trans_csv[] = "trans_id,account_id,date,amount,balance,type\n"
                                "10,1,930101,100.00,100.00,credit\n11,1,930105,30.00,70.00,debit\n"
                                "12,2,930215,50.00,50.00,credit\n";

static const char metadata[] =
    "{\"riskgan_metadata_version\": 1, \"tables\": {"
    " \"account\": {\"path\": \"account.csv\", \"primary_key\": \"account_id\", \"columns\": {"
    "   \"account_id\": {\"sdtype\": \"id\"}, \"opened\": {\"sdtype\": \"datetime\", \"datetime_format\": \"%y%m%d\"},"
    "   \"frequency\": {\"sdtype\": \"categorical\"}}},"
    " \"trans\": {\"path\": \"trans.csv\", \"primary_key\": \"trans_id\", \"sequence_key\": \"account_id\","
    "   \"sequence_index\": \"date\", \"columns\": {"
    "   \"trans_id\": {\"sdtype\": \"id\"}, \"account_id\": {\"sdtype\": \"id\"},"
    "   \"date\": {\"sdtype\": \"datetime\", \"datetime_format\": \"%y%m%d\"},"
    "   \"amount\": {\"sdtype\": \"numerical\", \"min\": 0}, \"balance\": {\"sdtype\": \"numerical\"},"
    "   \"type\": {\"sdtype\": \"categorical\"}},"
    "   \"rules\": [{\"type\": \"running_balance\", \"balance\": \"balance\", \"amount\": \"amount\","
    "     \"sign\": \"type\", \"credit\": [\"credit\"]}]}},"
    " \"relationships\": [{\"parent_table_name\": \"account\", \"parent_primary_key\": \"account_id\","
    "   \"child_table_name\": \"trans\", \"child_foreign_key\": \"account_id\"}]}";

/* A folder holding the two tables and a metadata file; returns the metadata's path. */
static char *folder_with(const char *accounts, const char *trans, const char *json)
{
    char *directory = strdup("/tmp/riskgan-relational-XXXXXX");
    assert_non_null(mkdtemp(directory));
    const char *names[3] = {"account.csv", "trans.csv", "metadata.json"}, *texts[3] = {accounts, trans, json};
    char *path = NULL;
    for (int i = 0; i < 3; i++) {
        size_t size = strlen(directory) + 20;
        char *file = malloc(size);
        snprintf(file, size, "%s/%s", directory, names[i]);
        if (texts[i]) {
            FILE *f = fopen(file, "w");
            fputs(texts[i], f);
            fclose(f);
        }
        if (i == 2)
            path = file;
        else
            free(file);
    }
    free(directory);
    return path;
}

static riskgan_status read_with(const char *accounts, const char *trans, const char *json, riskgan_dataset **out)
{
    char *path = folder_with(accounts, trans, json);
    riskgan_status status = riskgan_dataset_read(path, out);
    *strrchr(path, '/') = '\0';
    remove_tree(path);
    return status;
}

static void assert_error(riskgan_status got, const char *a, const char *b, const char *c)
{
    assert_int_not_equal(got, RISKGAN_OK);
    const char *message = riskgan_last_error();
    const char *parts[3] = {a, b, c};
    for (int i = 0; i < 3; i++)
        if (parts[i] && !strstr(message, parts[i]))
            fail_msg("the message '%s' lacks '%s'", message, parts[i]);
}

static void test_valid_metadata_round_trip(void **state)
{
    (void)state;
    rg_dataset_spec spec, again;
    assert_int_equal(rg_dataset_spec_parse(metadata, "m.json", "/data", &spec), RISKGAN_OK);
    assert_int_equal(spec.table_count, 2);
    assert_int_equal(rg_dataset_spec_parent(&spec, 1), 0);
    assert_string_equal(spec.tables[1].columns[2].datetime_format, "yymmdd");
    assert_int_equal(spec.tables[1].rule_count, 1);
    size_t order[2];
    rg_dataset_spec_order(&spec, order);
    assert_int_equal(order[0], 0);
    char *json = rg_dataset_spec_to_json(&spec);
    assert_int_equal(rg_dataset_spec_parse(json, "again", "/data", &again), RISKGAN_OK);
    char *json_again = rg_dataset_spec_to_json(&again);
    assert_string_equal(json, json_again);
    assert_non_null(strstr(json, "\"min\":")); /* declared facts kept */
    free(json), free(json_again);
    rg_dataset_spec_free(&spec);
    rg_dataset_spec_free(&again);
    riskgan_dataset *d;
    assert_int_equal(read_with(accounts_csv, trans_csv, metadata, &d), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(riskgan_dataset_table(d, 1)), 3);
    riskgan_dataset_free(d);
}

/* Replaces the first occurrence of `from` in the metadata by `to`. */
static char *edited(const char *from, const char *to)
{
    const char *at = strstr(metadata, from);
    assert_non_null(at);
    size_t size = strlen(metadata) + strlen(to) + 1;
    char *text = malloc(size);
    snprintf(text, size, "%.*s%s%s", (int)(at - metadata), metadata, to, at + strlen(from));
    return text;
}

static void expect_refused(const char *from, const char *to, const char *a, const char *b)
{
    char *text = edited(from, to);
    rg_dataset_spec spec;
    assert_error(rg_dataset_spec_parse(text, "m.json", ".", &spec), "m.json", a, b);
    free(text);
}

static void test_metadata_errors(void **state)
{
    (void)state;
    expect_refused("\"primary_key\": \"account_id\", \"columns\"", "\"primary_kee\": \"account_id\", \"columns\"",
                   "unknown key \"primary_kee\"", "table 'account'");
    expect_refused("{\"sdtype\": \"id\"}, \"opened\"", "{\"sdtype\": \"id\", \"color\": 1}, \"opened\"",
                   "unknown key \"color\"", "column 'account_id'");
    expect_refused("\"riskgan_metadata_version\": 1", "\"riskgan_metadata_version\": 9", "newer", NULL);
    expect_refused("\"sdtype\": \"categorical\"}}},", "\"sdtype\": \"email\"}}},", "sdtype", NULL);
    expect_refused("\"%y%m%d\"},", "\"%Q\"},", "datetime_format", NULL);
    expect_refused("\"child_foreign_key\": \"account_id\"}]",
                   "\"child_foreign_key\": \"account_id\"}, {\"parent_table_name\": \"trans\", \"parent_primary_key\": "
                   "\"trans_id\", \"child_table_name\": \"trans\", \"child_foreign_key\": \"account_id\"}]",
                   "two parents", "table 'trans'");
    expect_refused("\"child_foreign_key\": \"account_id\"}]",
                   "\"child_foreign_key\": \"account_id\"}, {\"parent_table_name\": \"trans\", \"parent_primary_key\": "
                   "\"trans_id\", \"child_table_name\": \"account\", \"child_foreign_key\": \"account_id\"}]",
                   "circle", NULL);
    expect_refused("\"sequence_index\": \"date\"", "\"sequence_index\": \"day\"", "sequence index 'day'", NULL);
}

static void test_data_errors(void **state)
{
    (void)state;
    riskgan_dataset *d = NULL;
    assert_error(read_with(accounts_csv, NULL, metadata, &d), "table 'trans'", "trans.csv", NULL);
    assert_null(d);
    assert_error(read_with("account_id,opened,frequency\n1,930101,monthly\n1,930215,weekly\n", trans_csv, metadata, &d),
                 "table 'account'", "line 3", "duplicate primary key 1");
    assert_error(read_with("account_id,opened,frequency\n1,930101,monthly\n2,930215,weekly\n2,930216,weekly\n",
                           trans_csv, metadata, &d),
                 "line 4", "duplicate primary key 2", "(also at account.csv: line 3)");
    assert_error(read_with(accounts_csv, "trans_id,account_id,date,amount,balance,type\n10,7,930101,1.00,1.00,credit\n",
                           metadata, &d),
                 "table 'trans'", "line 2", "column 'account_id': '7' names no row of 'account'");
    assert_error(read_with(accounts_csv, "trans_id,account_id,date,amount,balance,type\n10,1,931340,1.00,1.00,credit\n",
                           metadata, &d),
                 "line 2", "column 3 (date)", "'931340' is not a date");
    assert_error(read_with(accounts_csv, "trans_id,account_id,date,amount,balance,type,extra\n10,1,930101,1,1,credit,x\n",
                           metadata, &d),
                 "table 'trans'", "column 'extra'", "not in the metadata");
}

/* Fresh keys count on from the largest real one: past 2^52 that is no longer exact (a model
 * file whose start was that large sampled two accounts with one key), so the fit refuses such
 * identifiers by table and column, in a root table as in a child table. */
static void test_identifiers_too_large_to_count_from(void **state)
{
    (void)state;
    const char *accounts = "account_id,opened,frequency\n1,930101,monthly\n2,930215,weekly\n"
                           "5000000000000000,930301,weekly\n";
    const char *trans = "trans_id,account_id,date,amount,balance,type\n10,1,930101,100.00,100.00,credit\n"
                        "4600000000000000,1,930105,30.00,70.00,debit\n";
    const char *tables[2][2] = {{accounts, trans_csv}, {accounts_csv, trans}}, *names[2] = {"'account'", "'trans'"};
    const char *columns[2] = {"'account_id'", "'trans_id'"};
    for (int i = 0; i < 2; i++) {
        riskgan_dataset *d = NULL;
        assert_int_equal(read_with(tables[i][0], tables[i][1], metadata, &d), RISKGAN_OK);
        riskgan_relational_fit_options options;
        riskgan_relational_fit_options_init(&options);
        options.root.epochs = 1, options.epochs = 1, options.hidden = 4, options.threads = 1;
        riskgan_relational_model *m = NULL;
        assert_error(riskgan_relational_fit(d, &options, &m), names[i], columns[i], "too large");
        assert_null(m);
        riskgan_dataset_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_metadata_round_trip),
        cmocka_unit_test(test_metadata_errors),
        cmocka_unit_test(test_data_errors),
        cmocka_unit_test(test_identifiers_too_large_to_count_from),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
