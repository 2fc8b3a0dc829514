/* test_transformer.c — encode/decode round trip on every real dataset, layout, rare-level grouping. */
#include "test_support.h"

#include "data/table.h"
#include "transform/transformer.h"
#include "transform/transformer_fit.h"
#include "transform/transformer_encode.h"
#include "transform/transformer_decode.h"
#include "transform/transformer_file.h"

static void round_trip(const char *path)
{
    riskgan_table *table;
    if (riskgan_table_read_csv(path, NULL, &table) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    rg_transformer *t;
    assert_int_equal(rg_transformer_fit(table, &options, &t), RISKGAN_OK);
    float *encoded = calloc(table->rows * t->width, sizeof(float));
    rg_rng rng;
    rg_rng_seed(&rng, 5);
    assert_int_equal(rg_transformer_encode(t, table, rg_rng_next(&rng), 0, encoded, NULL), RISKGAN_OK);
    /* every softmax span of every row is a one-hot; scalars lie in [-1, 1] */
    for (size_t r = 0; r < table->rows; r++)
        for (size_t k = 0; k < t->span_count; k++) {
            const float *v = encoded + r * t->width + t->spans[k].start;
            if (t->spans[k].kind == RG_SPAN_TANH) {
                assert_true(v[0] >= -1 && v[0] <= 1);
                continue;
            }
            float sum = 0;
            for (size_t c = 0; c < t->spans[k].width; c++)
                sum += v[c];
            assert_true(sum == 1.0f);
        }
    riskgan_table *decoded;
    assert_int_equal(rg_transformer_decode(t, encoded, table->rows, NULL, &rng, 0, &decoded), RISKGAN_OK);
    size_t cells = 0, close = 0;
    for (size_t j = 0; j < table->columns; j++) {
        const rg_column *a = &table->column[j], *b = &decoded->column[j];
        assert_int_equal(a->type, b->type);
        riskgan_column_summary s;
        riskgan_table_column_summary(table, j, &s);
        double range = s.maximum - s.minimum;
        for (size_t r = 0; r < table->rows; r++) {
            if (a->type == RISKGAN_COLUMN_CATEGORICAL) {
                const char *x = riskgan_table_category(table, r, j), *y = riskgan_table_category(decoded, r, j);
                if ((x == NULL) != (y == NULL) || (x && strcmp(x, y) != 0))
                    fail_msg("%s row %zu column %s: '%s' came back as '%s'", path, r, a->name, x, y);
                continue;
            }
            double x = a->numbers[r], y = b->numbers[r];
            assert_int_equal(isnan(x), isnan(y));
            if (isnan(x))
                continue;
            assert_true(y >= s.minimum && y <= s.maximum);
            cells++;
            close += fabs(x - y) <= 1e-4 * range + (a->type == RISKGAN_COLUMN_INTEGER ? 0.5 : 0);
        }
    }
    /* a value more than 4 sigma from its sampled mode is clipped (CTGAN's design): rare */
    if ((double)close < 0.999 * (double)cells)
        fail_msg("%s: only %zu of %zu numbers round-trip", path, close, cells);
    free(encoded);
    riskgan_table_free(decoded);
    riskgan_table_free(table);
    rg_transformer_free(t);
}

/* The transformer as written into a model file (caller frees). */
static char *serialized(const rg_transformer *t, size_t *length)
{
    char *buffer = NULL;
    FILE *memory = open_memstream(&buffer, length);
    rg_writer w;
    rg_writer_init(&w, memory);
    rg_transformer_write(t, &w);
    fclose(memory);
    return buffer;
}

static void test_round_trip_german(void **state)
{
    (void)state;
    round_trip(RISKGAN_REPO_DATA "/german_credit.csv");
}

static void test_round_trip_shared(void **state)
{
    (void)state;
    if (access(RISKGAN_SHARED_DATA "/credit_data.csv", R_OK) != 0)
        skip();
    round_trip(RISKGAN_SHARED_DATA "/credit_data.csv");
    round_trip(RISKGAN_SHARED_DATA "/creditcard_fraud_sample.csv");
}

static void test_rare_levels_grouped_and_layout_serialized(void **state)
{
    (void)state;
    /* 300 rows of a 120-level column: 50 kept, 70 grouped into "other" */
    char *text = malloc(64 * 400);
    size_t used = (size_t)sprintf(text, "merchant,amount,flag\n");
    for (int r = 0; r < 300; r++)
        used += (size_t)sprintf(text + used, "m%03d,%d.5,%d\n", r < 180 ? r % 50 : 50 + r % 70, r, r % 2);
    char *path = write_temporary(text, used);
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    options.min_category_count = 1; /* grouping by max_categories alone (rare folding: below) */
    rg_transformer *t;
    assert_int_equal(rg_transformer_fit(table, &options, &t), RISKGAN_OK);
    assert_int_equal(t->column[0].levels, 51);
    assert_int_equal(t->column[0].rare_count, 70);
    assert_int_equal(t->column[2].encoding, RG_ENCODE_ONE_HOT);
    assert_int_equal(t->condition_width, 51 + 2);
    float *encoded = calloc(table->rows * t->width, sizeof(float));
    rg_rng rng;
    rg_rng_seed(&rng, 1);
    assert_int_equal(rg_transformer_encode(t, table, rg_rng_next(&rng), 0, encoded, NULL), RISKGAN_OK);
    riskgan_table *decoded;
    assert_int_equal(rg_transformer_decode(t, encoded, table->rows, NULL, &rng, 0, &decoded), RISKGAN_OK);
    for (size_t r = 0; r < 180; r++) /* kept levels come back exactly */
        assert_string_equal(riskgan_table_category(decoded, r, 0), riskgan_table_category(table, r, 0));
    for (size_t r = 180; r < 300; r++) { /* grouped ones come back as some real grouped value */
        int level = atoi(riskgan_table_category(decoded, r, 0) + 1);
        assert_true(level >= 50 && level < 120);
    }
    /* serialization round trip keeps the layout */
    size_t length;
    char *buffer = serialized(t, &length);
    rg_reader reader;
    rg_reader_init(&reader, buffer, length);
    rg_transformer *copy;
    assert_int_equal(rg_transformer_read(&reader, &copy), RISKGAN_OK);
    assert_int_equal(copy->width, t->width);
    assert_int_equal(copy->span_count, t->span_count);
    assert_int_equal(reader.position, length);
    for (size_t cut = 0; cut < length; cut += length / 17 + 1) { /* truncation is detected */
        rg_reader_init(&reader, buffer, cut);
        rg_transformer *broken = NULL;
        assert_int_not_equal(rg_transformer_read(&reader, &broken), RISKGAN_OK);
        assert_null(broken);
    }
    /* any single changed byte (as a payload with a recomputed checksum would carry) is read
     * or refused, never a crash: the cleanup after a failed validation frees only what exists */
    for (size_t at = 0; at < length; at++) {
        static const unsigned char values[] = {0x00, 0x01, 0x02, 0x7f, 0x80, 0xff};
        for (size_t v = 0; v < sizeof values; v++) {
            char saved = buffer[at];
            buffer[at] = (char)values[v];
            rg_reader_init(&reader, buffer, length);
            rg_transformer *mutated = NULL;
            if (rg_transformer_read(&reader, &mutated) == RISKGAN_OK)
                rg_transformer_free(mutated);
            else
                assert_null(mutated);
            buffer[at] = saved;
        }
    }
    rg_transformer_free(copy);
    free(buffer);
    free(encoded);
    riskgan_table_free(decoded);
    riskgan_table_free(table);
    rg_transformer_free(t);
    unlink(path);
    free(path);
    free(text);
}

/* A value written with more decimals than a double holds (0.1234567890123456789012) is read;
 * the model that learned its column must be readable too. */
static void test_many_decimals_serialized(void **state)
{
    (void)state;
    char text[4096] = "amount,flag\n";
    for (int r = 0; r < 40; r++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "0.%02d34567890123456789012,%d\n", r, r % 2);
    char *path = write_temporary(text, strlen(text));
    riskgan_table *table;
    assert_int_equal(riskgan_table_read_csv(path, NULL, &table), RISKGAN_OK);
    rg_transformer_options options;
    rg_transformer_options_default(&options);
    rg_transformer *t;
    assert_int_equal(rg_transformer_fit(table, &options, &t), RISKGAN_OK);
    assert_true(t->column[0].decimals > 18);
    size_t length;
    char *buffer = serialized(t, &length);
    rg_reader reader;
    rg_reader_init(&reader, buffer, length);
    rg_transformer *copy = NULL;
    if (rg_transformer_read(&reader, &copy) != RISKGAN_OK)
        fail_msg("%s", riskgan_last_error());
    assert_int_equal(copy->column[0].decimals, t->column[0].decimals);
    rg_transformer_free(copy);
    rg_transformer_free(t);
    riskgan_table_free(table);
    free(buffer);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_german),
        cmocka_unit_test(test_round_trip_shared),
        cmocka_unit_test(test_rare_levels_grouped_and_layout_serialized),
        cmocka_unit_test(test_many_decimals_serialized),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
