/* test_sqlite.c — SQLite as a source and destination (src/data/sqlite_source.c, sqlite_sink.c,
 * location.c, sql_types.c): every value read from a table and written back into a new one
 * is the same value, checked cell by cell with sqlite3 itself (awkward doubles, NUMERIC
 * scales, text with quotes, newlines and UTF-8, empty text against NULL, "NA" as text,
 * dates); primary keys become identifiers; an existing table is refused unless replaced; an
 * aborted write leaves no table and no new file; a hostile table name is only a name; and
 * the errors say what is wrong. */
#include "test_support.h"

#include <sqlite3.h>
#include <unistd.h>

#include "data/location.h"
#include "data/row_sink.h"
#include "data/table.h"
#include "data/table_sink.h"
#include "data/table_source.h"
#include "riskgan.h"

static const char *const schema_sql =
    "CREATE TABLE loans (id INTEGER PRIMARY KEY, amount NUMERIC(12,2), rate REAL, grade TEXT, note TEXT, "
    "opened DATE, seen TIMESTAMP, code VARCHAR(8));"
    "INSERT INTO loans VALUES (1, 1200.50, 0.1, 'A', 'say \"hi\"', '2019-01-02', '2019-01-02 10:30:00', '007');"
    "INSERT INTO loans VALUES (2, 99.00, 0.30000000000000004, 'B', '', '2019-03-04', '2019-03-04 00:00:01', '012');"
    "INSERT INTO loans VALUES (3, NULL, 1e-300, NULL, NULL, '2020-02-29', NULL, '100');"
    "INSERT INTO loans VALUES (4, -0.01, 123456789.125, 'Crédit ✓', 'NA', NULL, '1999-12-31 23:59:59', 'x');"
    "INSERT INTO loans VALUES (5, 0, 2.5e-8, 'line\nbreak', 'two\nlines', '2000-01-01', '2000-01-01 00:00:00', '');"
    "INSERT INTO loans VALUES (6, 12.34, -0.0, 'C', 'x', NULL, NULL, 'y');"
    "INSERT INTO loans VALUES (7, 1.5, 4503599627370495.5, 'C', 'x', NULL, NULL, 'y');"
    "INSERT INTO loans VALUES (8, 0.07, 0.000000001, 'C', 'x', NULL, NULL, 'y');"
    "INSERT INTO loans VALUES (9, 0.07, 123.456789012345, 'C', 'x', NULL, NULL, 'y');"
    "INSERT INTO loans VALUES (10, 0.07, -7e22, 'C', 'x', NULL, NULL, 'y');";

static char *make_database(void)
{
    char *path = temporary_path();
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *error = NULL;
    if (sqlite3_exec(db, schema_sql, NULL, NULL, &error) != SQLITE_OK)
        fail_msg("%s", error);
    sqlite3_close(db);
    return path;
}

static char *location_of(const char *path, const char *table)
{
    char *text = malloc(strlen(path) + strlen(table) * 3 + 32);
    sprintf(text, "sqlite:%s?table=%s", path, table);
    return text;
}

/* Every cell of `query`'s rows as text ("<NULL>" for NULL), numbers as sqlite3 holds them:
 * integers in decimal, reals with 17 significant digits (the same double gives the same text). */
static char *cells(const char *path, const char *query)
{
    sqlite3 *db;
    sqlite3_stmt *statement;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, query, -1, &statement, NULL), SQLITE_OK);
    size_t size = 1 << 16, used = 0;
    char *out = calloc(1, size);
    while (sqlite3_step(statement) == SQLITE_ROW)
        for (int j = 0; j < sqlite3_column_count(statement); j++) {
            int type = sqlite3_column_type(statement, j);
            if (type == SQLITE_NULL)
                used += (size_t)snprintf(out + used, size - used, "<NULL>|");
            else if (type == SQLITE_FLOAT || type == SQLITE_INTEGER)
                used += (size_t)snprintf(out + used, size - used, "%.17g|", sqlite3_column_double(statement, j));
            else
                used += (size_t)snprintf(out + used, size - used, "'%s'|", sqlite3_column_text(statement, j));
        }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return out;
}

static void values_come_back_exactly(void **state)
{
    (void)state;
    char *path = make_database(), *from = location_of(path, "loans"), *to = location_of(path, "copy");
    riskgan_table *table;
    if (riskgan_table_read_csv(from, NULL, &table) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    assert_int_equal(riskgan_table_rows(table), 10);
    assert_int_equal(table->column[0].role, RISKGAN_ROLE_IDENTIFIER); /* the primary key */
    const rg_column *amount = &table->column[1], *note = &table->column[4], *code = &table->column[7];
    assert_int_equal(amount->decimals, 2);                 /* NUMERIC(12,2) */
    assert_int_equal(code->type, RISKGAN_COLUMN_CATEGORICAL); /* "007" stays text */
    assert_int_equal(table->column[5].type, RISKGAN_COLUMN_DATETIME);
    assert_int_equal(table->column[6].type, RISKGAN_COLUMN_DATETIME);
    assert_int_equal(note->missing, 1);                    /* NULL only: "" and "NA" are values */
    assert_true(table->column[2].numbers[1] == 0.30000000000000004);
    assert_int_equal(riskgan_table_write(table, to, 0), RISKGAN_OK);
    char *before = cells(path, "SELECT id, amount, rate, grade, note, opened, seen, code FROM loans ORDER BY id");
    char *after = cells(path, "SELECT id, amount, rate, grade, note, opened, seen, code FROM copy ORDER BY id");
    assert_string_equal(after, before);
    free(before), free(after);
    riskgan_table_free(table);
    unlink(path), free(path), free(from), free(to);
}

static void existing_tables_are_refused_unless_replaced(void **state)
{
    (void)state;
    char *path = make_database(), *from = location_of(path, "loans");
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(from, NULL, &table), RISKGAN_OK);
    assert_int_equal(riskgan_table_write(table, from, 0), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "already exists (--replace drops it)"));
    char *count = cells(path, "SELECT count(*) FROM loans");
    assert_string_equal(count, "10|");
    free(count);
    riskgan_table *two;
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.query = "SELECT * FROM loans WHERE id <= 2";
    char *database = malloc(strlen(path) + 8);
    sprintf(database, "sqlite:%s", path);
    assert_int_equal(riskgan_table_read_csv(database, &options, &two), RISKGAN_OK);
    assert_int_equal(riskgan_table_write(two, from, 1), RISKGAN_OK);
    count = cells(path, "SELECT count(*) FROM loans");
    assert_string_equal(count, "2|");
    free(count);
    riskgan_table_free(table), riskgan_table_free(two);
    unlink(path), free(path), free(from), free(database);
}

/* A sink aborted after rows were written leaves no table; one that created the file removes it. */
static void an_aborted_write_leaves_nothing(void **state)
{
    (void)state;
    char *path = make_database(), *from = location_of(path, "loans"), *to = location_of(path, "half");
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(from, NULL, &table), RISKGAN_OK);
    rg_table_sink *sink;
    assert_int_equal(rg_table_sink_open(to, NULL, &sink), RISKGAN_OK);
    assert_int_equal(sink->ops->write(sink, table, NULL), RISKGAN_OK);
    sink->ops->abort(sink);
    char *tables = cells(path, "SELECT count(*) FROM sqlite_master WHERE name = 'half'");
    assert_string_equal(tables, "0|");
    free(tables);
    char *fresh = temporary_path(), *fresh_location = location_of(fresh, "t");
    unlink(fresh);
    assert_int_equal(rg_table_sink_open(fresh_location, NULL, &sink), RISKGAN_OK);
    assert_int_equal(sink->ops->write(sink, table, NULL), RISKGAN_OK);
    sink->ops->abort(sink);
    assert_int_not_equal(access(fresh, F_OK), 0);
    riskgan_table_free(table);
    unlink(path), free(path), free(from), free(to), free(fresh), free(fresh_location);
}

/* The name a user gives is quoted as a name: this table is created, read back, and the
 * other table is still there. */
static void a_hostile_table_name_is_only_a_name(void **state)
{
    (void)state;
    char *path = make_database(), *from = location_of(path, "loans");
    char *hostile = location_of(path, "loans%22%3B%20DROP%20TABLE%20loans%3B%20--");
    riskgan_table *table, *back;
    assert_int_equal(riskgan_table_read_csv(from, NULL, &table), RISKGAN_OK);
    assert_int_equal(riskgan_table_write(table, hostile, 0), RISKGAN_OK);
    assert_int_equal(riskgan_table_read_csv(hostile, NULL, &back), RISKGAN_OK);
    assert_int_equal(riskgan_table_rows(back), 10);
    char *names = cells(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    assert_string_equal(names, "'loans'|'loans\"; DROP TABLE loans; --'|");
    free(names);
    riskgan_table_free(table), riskgan_table_free(back);
    unlink(path), free(path), free(from), free(hostile);
}

static void expect_error(const char *location, const char *query, riskgan_status expected, const char *words)
{
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    options.query = query;
    riskgan_table *table = NULL;
    assert_int_equal(riskgan_table_read_csv(location, &options, &table), expected);
    assert_null(table);
    if (!strstr(riskgan_last_error(), words))
        fail_msg("'%s' does not say '%s'", riskgan_last_error(), words);
}

static void errors_say_what_is_wrong(void **state)
{
    (void)state;
    char *path = make_database(), location[512];
    snprintf(location, sizeof location, "sqlite:%s", path);
    expect_error(location, NULL, RISKGAN_ERR_INVALID_ARGUMENT, "its tables: loans");
    expect_error(location, "SELECT 1; DROP TABLE loans", RISKGAN_ERR_INVALID_ARGUMENT, "one SELECT statement");
    expect_error(location, "SELECT nope FROM loans", RISKGAN_ERR_IO, "no such column: nope");
    expect_error(location, "SELECT x'00ff' AS b", RISKGAN_ERR_SCHEMA, "row 1, column 'b' holds a BLOB");
    snprintf(location, sizeof location, "sqlite:%s?table=missing", path);
    expect_error(location, NULL, RISKGAN_ERR_IO, "no such table: missing");
    expect_error(location, "SELECT 1", RISKGAN_ERR_INVALID_ARGUMENT, "not both");
    snprintf(location, sizeof location, "sqlite:%s?tabel=loans", path);
    expect_error(location, NULL, RISKGAN_ERR_INVALID_ARGUMENT, "unknown parameter 'tabel=loans'");
    expect_error("sqlite:/nonexistent/dir/x.db?table=t", NULL, RISKGAN_ERR_IO, "cannot open the database");
    expect_error("sqlite:x.db?table=%zz", NULL, RISKGAN_ERR_INVALID_ARGUMENT, "malformed %-escape");
    expect_error(RISKGAN_TEST_DATA "/exact_values.csv", "SELECT 1", RISKGAN_ERR_INVALID_ARGUMENT,
                 "--query reads from a database");
    unlink(path), free(path);
}

/* The draft of linked tables from a database follows its declared keys, even where the names
 * would not suggest them ("owner" holds a customer's "cid"). */
static void the_draft_follows_declared_keys(void **state)
{
    (void)state;
    char *path = temporary_path(), location[512];
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char sql[4096] = "CREATE TABLE customers (cid INTEGER PRIMARY KEY, region TEXT);"
                     "CREATE TABLE accts (aid INTEGER PRIMARY KEY, owner INTEGER REFERENCES customers (cid), "
                     "opened DATE, kind TEXT);";
    for (int r = 1; r <= 30; r++)
        snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "INSERT INTO customers VALUES (%d, '%s');"
                 "INSERT INTO accts VALUES (%d, %d, '2020-01-%02d', 'k%d');", r * 7, r % 2 ? "north" : "south",
                 100 + r, 7 * (1 + r % 10), r % 28 + 1, r % 3);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    snprintf(location, sizeof location, "sqlite:%s", path);
    char *json = NULL, *notes = NULL;
    if (riskgan_dataset_draft_metadata(location, &json, &notes) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    assert_non_null(strstr(json, "\"parent_table_name\":\t\"customers\""));
    assert_non_null(strstr(json, "\"child_foreign_key\":\t\"owner\""));
    assert_non_null(strstr(json, "\"primary_key\":\t\"cid\""));
    assert_non_null(strstr(json, "?table=accts\""));
    free(json), free(notes);
    unlink(path), free(path);
}

/* A table read by data-parallel ranks: rank r of 3 gets exactly the rows whose id (the rowid)
 * is r modulo 3, in order; a query cannot be shared out. */
static void a_share_is_its_rows_only(void **state)
{
    (void)state;
    char *path = make_database(), *location = location_of(path, "loans");
    riskgan_read_options options;
    riskgan_read_options_init(&options);
    for (int rank = 0; rank < 3; rank++) {
        rg_row_share share = {rank, 3};
        rg_row_source source;
        assert_int_equal(rg_table_source_open_share(location, &options, &share, &source), RISKGAN_OK);
        rg_row_cursor *cursor;
        assert_int_equal(source.ops->open(source.state, &cursor), RISKGAN_OK);
        const rg_field *fields;
        size_t count, expected = rank ? (size_t)rank : 3;
        assert_int_equal(source.ops->next(cursor, &fields, &count), RISKGAN_OK); /* the header */
        assert_int_equal(count, 8);
        while (source.ops->next(cursor, &fields, &count) == RISKGAN_OK && count) {
            assert_int_equal(strtol(fields[0].text, NULL, 10), (long)expected);
            expected += 3;
        }
        assert_true(expected > 10); /* every row of the share came, none after */
        source.ops->close(cursor);
        source.release(&source);
    }
    rg_row_share share = {1, 2};
    rg_row_source source;
    options.query = "SELECT * FROM loans";
    char *database = malloc(strlen(path) + 8);
    sprintf(database, "sqlite:%s", path);
    assert_int_equal(rg_table_source_open_share(database, &options, &share, &source), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(riskgan_last_error(), "not a query"));
    unlink(path);
    free(path), free(location), free(database);
}

static void locations_parse(void **state)
{
    (void)state;
    rg_location l;
    assert_int_equal(rg_location_parse("postgresql://ann@db:5433/bank?sslmode=require&table=risk.loans", &l),
                     RISKGAN_OK);
    assert_int_equal(l.kind, RG_LOCATION_POSTGRES);
    assert_string_equal(l.conninfo, "postgresql://ann@db:5433/bank?sslmode=require");
    assert_string_equal(l.table, "risk.loans");
    rg_location_free(&l);
    assert_int_equal(rg_location_parse("sqlite:a b.db?table=x%20y", &l), RISKGAN_OK);
    assert_string_equal(l.path, "a b.db");
    assert_string_equal(l.table, "x y");
    rg_location_free(&l);
    assert_int_equal(rg_location_parse("./sqlite:odd.csv", &l), RISKGAN_OK);
    assert_int_equal(l.kind, RG_LOCATION_CSV);
    rg_location_free(&l);
    assert_int_equal(rg_location_parse("sqlite:?table=x", &l), RISKGAN_ERR_INVALID_ARGUMENT);
    assert_int_equal(rg_location_parse("sqlite:a.db?table=%00", &l), RISKGAN_ERR_INVALID_ARGUMENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_come_back_exactly),
        cmocka_unit_test(existing_tables_are_refused_unless_replaced),
        cmocka_unit_test(an_aborted_write_leaves_nothing),
        cmocka_unit_test(a_hostile_table_name_is_only_a_name),
        cmocka_unit_test(errors_say_what_is_wrong),
        cmocka_unit_test(the_draft_follows_declared_keys),
        cmocka_unit_test(a_share_is_its_rows_only),
        cmocka_unit_test(locations_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
