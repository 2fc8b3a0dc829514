/* test_csv_reader.c — the RFC 4180 tokenizer: quoting, line endings, BOM, chunk boundaries, errors. */
#include "test_support.h"

#include "core/error.h"
#include "data/csv_reader.h"

static void expect_record(rg_csv_reader *reader, size_t count, const char **expected)
{
    const rg_csv_field *fields;
    size_t n;
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(n, count);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(fields[i].length, strlen(expected[i]));
        assert_memory_equal(fields[i].text, expected[i], fields[i].length);
    }
}

static void test_quoting_and_line_endings(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF" "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\n,,\r\nlast,\"\",z";
    rg_csv_reader *reader;
    assert_int_equal(rg_csv_open_memory(text, sizeof text - 1, "mem.csv", &reader), RISKGAN_OK);
    expect_record(reader, 3, (const char *[]){"a", "b", "c"});
    expect_record(reader, 3, (const char *[]){"x,1", "say \"hi\"", "two\nlines"});
    assert_int_equal(rg_csv_record_line(reader), 2);
    expect_record(reader, 3, (const char *[]){"", "", ""});
    assert_int_equal(rg_csv_record_line(reader), 5); /* the quoted newline and the blank line count */
    expect_record(reader, 3, (const char *[]){"last", "", "z"});
    const rg_csv_field *fields;
    size_t n;
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(n, 0);
    rg_csv_close(reader);
}

static void test_unterminated_quote_names_line_and_column(void **state)
{
    (void)state;
    const char text[] = "a,b\n1,2\n3,\"open\n4,5\n";
    rg_csv_reader *reader;
    assert_int_equal(rg_csv_open_memory(text, sizeof text - 1, "broken.csv", &reader), RISKGAN_OK);
    const rg_csv_field *fields;
    size_t n;
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_ERR_PARSE);
    assert_non_null(strstr(riskgan_last_error(), "broken.csv: line 3, column 2"));
    assert_non_null(strstr(riskgan_last_error(), "unterminated"));
    rg_csv_close(reader);
}

static void test_text_after_closing_quote(void **state)
{
    (void)state;
    const char text[] = "a,b\n\"x\"y,2\n";
    rg_csv_reader *reader;
    assert_int_equal(rg_csv_open_memory(text, sizeof text - 1, "q.csv", &reader), RISKGAN_OK);
    const rg_csv_field *fields;
    size_t n;
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_ERR_PARSE);
    assert_non_null(strstr(riskgan_last_error(), "line 2, column 1"));
    rg_csv_close(reader);
}

/* Records that straddle the 1 MiB read chunk, including quoted fields split across it. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    size_t records = 60000;
    size_t capacity = records * 40 + 64, used = 0;
    char *text = malloc(capacity);
    used += (size_t)sprintf(text, "id,note,value\r\n");
    for (size_t i = 0; i < records; i++)
        used += (size_t)sprintf(text + used, "%zu,\"n \"\"%zu\"\",\nx\",%zu.5\r\n", i, i % 97, i * 3);
    char *path = write_temporary(text, used);
    rg_csv_reader *reader;
    assert_int_equal(rg_csv_open_file(path, &reader), RISKGAN_OK);
    const rg_csv_field *fields;
    size_t n;
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    for (size_t i = 0; i < records; i++) {
        assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
        assert_int_equal(n, 3);
        char expected[64];
        int length = sprintf(expected, "%zu", i);
        assert_int_equal(fields[0].length, (size_t)length);
        assert_memory_equal(fields[0].text, expected, (size_t)length);
        length = sprintf(expected, "n \"%zu\",\nx", i % 97);
        assert_int_equal(fields[1].length, (size_t)length);
        assert_memory_equal(fields[1].text, expected, (size_t)length);
        assert_int_equal(rg_csv_record_line(reader), 2 + 2 * i);
    }
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(n, 0);
    assert_int_equal(rg_csv_bytes_read(reader), used);
    rg_csv_close(reader);
    unlink(path);
    free(path);
    free(text);
}

/* found by the fuzzer: a file holding only a byte-order mark */
static void test_byte_order_mark_only(void **state)
{
    (void)state;
    rg_csv_reader *reader;
    assert_int_equal(rg_csv_open_memory("\xEF\xBB\xBF", 3, "bom.csv", &reader), RISKGAN_OK);
    const rg_csv_field *fields;
    size_t n = 1;
    assert_int_equal(rg_csv_next(reader, &fields, &n), RISKGAN_OK);
    assert_int_equal(n, 0);
    rg_csv_close(reader);
}

static void test_missing_file(void **state)
{
    (void)state;
    rg_csv_reader *reader;
    assert_int_equal(rg_csv_open_file("/nonexistent/file.csv", &reader), RISKGAN_ERR_IO);
    assert_non_null(strstr(riskgan_last_error(), "/nonexistent/file.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoting_and_line_endings),
        cmocka_unit_test(test_unterminated_quote_names_line_and_column),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_chunk_boundaries),
        cmocka_unit_test(test_byte_order_mark_only),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
