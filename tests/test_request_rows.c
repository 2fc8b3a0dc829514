/* test_request_rows.c — request bodies to rows (src/serve/request_rows.c) and rows to a typed
 * table (src/serve/request_table.c): JSON numbers arrive as the doubles a CSV file with the
 * same digits gives, null is a missing value, and every malformed or ill-fitting body gets the
 * status and a message naming the record and field. */
#include "test_support.h"

#include "riskgan.h"
#include "data/table.h"
#include "serve/request_rows.h"
#include "serve/request_table.h"

typedef struct {
    riskgan_table *schema;
    rg_request_schema fields;
} fixture;

/* amount (number), region (category), opened (date yyyy-mm-dd). */
static int set_up(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_int_equal(rg_table_new(3, &f->schema), RISKGAN_OK);
    assert_int_equal(rg_table_set_column(f->schema, 0, "amount", RISKGAN_COLUMN_CONTINUOUS), RISKGAN_OK);
    assert_int_equal(rg_table_set_column(f->schema, 1, "region", RISKGAN_COLUMN_CATEGORICAL), RISKGAN_OK);
    assert_int_equal(rg_table_set_column(f->schema, 2, "opened", RISKGAN_COLUMN_CATEGORICAL), RISKGAN_OK);
    rg_datetime_format format;
    assert_true(rg_datetime_format_from_name("yyyy-mm-dd", &format));
    rg_column_set_datetime(&f->schema->column[2], &format);
    assert_int_equal(rg_request_schema_init(&f->fields, f->schema), RISKGAN_OK);
    *state = f;
    return 0;
}

static int tear_down(void **state)
{
    fixture *f = *state;
    rg_request_schema_free(&f->fields);
    riskgan_table_free(f->schema);
    free(f);
    return 0;
}

static int decode(fixture *f, const char *body, int csv, size_t max_records, rg_request_rows *rows)
{
    rg_request_limits limits = {"id", max_records};
    return rg_request_rows_decode(&f->fields, &limits, body, strlen(body), csv, rows);
}

static void assert_field(const rg_request_rows *rows, size_t r, size_t j, const char *text)
{
    const rg_field *field = &rows->field[r * rows->columns + j];
    if (!text) {
        assert_true(field->null);
        return;
    }
    assert_false(field->null);
    assert_int_equal(field->length, strlen(text));
    assert_memory_equal(field->text, text, field->length);
}

static void one_record_in_column_order(void **state)
{
    rg_request_rows rows;
    assert_int_equal(decode(*state, "{\"opened\": \"2024-02-29\", \"region\": \"N\", \"id\": \"tx-7\", \"amount\": 12.5}",
                            0, 10, &rows), 0);
    assert_int_equal(rows.rows, 1);
    assert_true(rows.single);
    assert_field(&rows, 0, 0, "12.5");
    assert_field(&rows, 0, 1, "N");
    assert_field(&rows, 0, 2, "2024-02-29");
    assert_string_equal(rows.id[0], "\"tx-7\"");
    rg_request_rows_free(&rows);
}

/* A JSON number becomes the text whose double is the number's: 0.1 + 0.2 keeps 17 digits. */
static void numbers_keep_their_double(void **state)
{
    static const char *const sent[] = {"0.1", "0.30000000000000004", "1e-300", "-7", "123456789.123", "5e22"};
    for (size_t i = 0; i < sizeof sent / sizeof *sent; i++) {
        char body[128];
        snprintf(body, sizeof body, "[{\"amount\": %s, \"region\": null, \"opened\": null}]", sent[i]);
        rg_request_rows rows;
        assert_int_equal(decode(*state, body, 0, 10, &rows), 0);
        assert_false(rows.single);
        char text[64];
        memcpy(text, rows.field[0].text, rows.field[0].length);
        text[rows.field[0].length] = 0;
        assert_true(strtod(text, NULL) == strtod(sent[i], NULL));
        assert_field(&rows, 0, 1, NULL);
        assert_int_equal(rows.id[0] == NULL, 1);
        rg_request_rows_free(&rows);
    }
}

static void assert_refused(fixture *f, const char *body, int csv, int status, const char *words)
{
    rg_request_rows rows;
    int got = decode(f, body, csv, 3, &rows);
    if (got != status || !strstr(riskgan_last_error(), words))
        fail_msg("%s -> %d \"%s\", expected %d with \"%s\"", body, got, riskgan_last_error(), status, words);
    assert_null(rows.field);
}

static void bad_json_is_refused_by_name(void **state)
{
    fixture *f = *state;
    assert_refused(f, "{\"amount\": 1, \"region\": \"N\"", 0, 400, "not valid JSON");
    assert_refused(f, "", 0, 400, "not valid JSON");
    assert_refused(f, "\"text\"", 0, 422, "a record (an object) or an array");
    assert_refused(f, "[]", 0, 422, "no records");
    assert_refused(f, "[1]", 0, 422, "record 1 is not an object");
    assert_refused(f, "{\"amount\": 1, \"region\": \"N\"}", 0, 422, "record 1: field 'opened' is missing");
    assert_refused(f, "[{\"amount\": 1, \"region\": \"N\", \"opened\": null}, {\"amount\": 1, \"region\": \"N\", "
                      "\"opened\": null, \"colour\": 2}]", 0, 422, "record 2: unknown field 'colour'");
    assert_refused(f, "{\"amount\": 1, \"amount\": 2, \"region\": \"N\", \"opened\": null}", 0, 422,
                   "'amount' is given twice");
    assert_refused(f, "{\"amount\": true, \"region\": \"N\", \"opened\": null}", 0, 422, "not true/false");
    assert_refused(f, "{\"amount\": [1], \"region\": \"N\", \"opened\": null}", 0, 422, "not an array");
    assert_refused(f, "{\"amount\": 1e400, \"region\": \"N\", \"opened\": null}", 0, 422, "too large for a double");
    assert_refused(f, "{\"amount\": 1, \"region\": \"N\", \"opened\": 20240101}", 0, 422, "send it as a string");
    assert_refused(f, "{\"amount\": 1, \"region\": 12345678901234567890, \"opened\": null}", 0, 422, "beyond 2^53");
    assert_refused(f, "{\"amount\": 1, \"region\": \"N\", \"opened\": null, \"id\": {}}", 0, 422, "passthrough id");
    assert_refused(f, "[{\"amount\": 1, \"region\": \"N\", \"opened\": null}, {}, {}, {}]", 0, 413,
                   "4 records in one request; the limit is 3");
}

static void csv_bodies(void **state)
{
    rg_request_rows rows;
    assert_int_equal(decode(*state, "region,id,opened,amount\r\n\"S, east\",a1,2020-01-31,3.25\nN,a2,,\n", 1, 10, &rows),
                     0);
    assert_int_equal(rows.rows, 2);
    assert_false(rows.single);
    assert_field(&rows, 0, 0, "3.25");
    assert_field(&rows, 0, 1, "S, east");
    assert_field(&rows, 1, 0, NULL); /* an empty field is missing, as in files */
    assert_field(&rows, 1, 2, NULL);
    assert_string_equal(rows.id[1], "a2");
    rg_request_rows_free(&rows);
    fixture *f = *state;
    assert_refused(f, "amount,region\n1,N\n", 1, 422, "column 'opened' is missing");
    assert_refused(f, "amount,region,opened,colour\n1,N,,x\n", 1, 422, "unknown column 'colour'");
    assert_refused(f, "amount,region,opened\n1,N\n", 1, 400, "line 2: 2 fields, the header has 3");
    assert_refused(f, "amount,region,opened\n1,\"N,\n", 1, 400, "");
    assert_refused(f, "amount,region,opened\n", 1, 422, "no records");
    assert_refused(f, "amount,region,opened\n1,N,\n1,N,\n1,N,\n1,N,\n", 1, 413, "more than 3 records");
}

/* Decoded rows typed like a CSV file holding the same texts, read with the same schema. */
static void rows_type_as_a_file_does(void **state)
{
    fixture *f = *state;
    const char *csv = "amount,region,opened\n0.1,N,2024-02-29\n,S,\n1e-300,N,1999-12-31\n";
    rg_request_rows rows;
    assert_int_equal(decode(f, csv, 1, 10, &rows), 0);
    riskgan_table *from_request, *from_file;
    assert_int_equal(rg_request_table(&rows, &f->fields, f->schema, &from_request), RISKGAN_OK);
    char *path = write_temporary(csv, strlen(csv));
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    assert_int_equal(riskgan_table_read_csv_like(path, f->schema, &options, &from_file), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(from_request), 3);
    for (size_t r = 0; r < 3; r++) {
        double a = riskgan_table_number(from_request, r, 0), b = riskgan_table_number(from_file, r, 0);
        assert_true((isnan(a) && isnan(b)) || a == b);
        assert_true(riskgan_table_number(from_request, r, 2) == riskgan_table_number(from_file, r, 2) ||
                    (isnan(riskgan_table_number(from_request, r, 2)) && isnan(riskgan_table_number(from_file, r, 2))));
        assert_string_equal(riskgan_table_category(from_request, r, 1), riskgan_table_category(from_file, r, 1));
    }
    riskgan_table_free(from_request);
    riskgan_table_free(from_file);
    rg_request_rows_free(&rows);
    unlink(path);
    free(path);
}

static void a_value_that_does_not_parse_names_its_record(void **state)
{
    fixture *f = *state;
    rg_request_rows rows;
    assert_int_equal(decode(f, "[{\"amount\": 1, \"region\": \"N\", \"opened\": null},"
                               " {\"amount\": \"12 euros\", \"region\": \"N\", \"opened\": null}]", 0, 10, &rows), 0);
    riskgan_table *table = NULL;
    assert_int_not_equal(rg_request_table(&rows, &f->fields, f->schema, &table), RISKGAN_OK);
    assert_null(table);
    assert_non_null(strstr(riskgan_last_error(), "record 2"));
    assert_non_null(strstr(riskgan_last_error(), "amount"));
    rg_request_rows_free(&rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(one_record_in_column_order, set_up, tear_down),
        cmocka_unit_test_setup_teardown(numbers_keep_their_double, set_up, tear_down),
        cmocka_unit_test_setup_teardown(bad_json_is_refused_by_name, set_up, tear_down),
        cmocka_unit_test_setup_teardown(csv_bodies, set_up, tear_down),
        cmocka_unit_test_setup_teardown(rows_type_as_a_file_does, set_up, tear_down),
        cmocka_unit_test_setup_teardown(a_value_that_does_not_parse_names_its_record, set_up, tear_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
