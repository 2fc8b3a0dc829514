/* test_ubjson_check.c — the check that guards XGBoost's model reader (src/learn/
 * ubjson_check.c): real XGBoost models pass; forged lengths, counts, truncation, deep nesting
 * and unknown markers do not. */
#include "test_support.h"

#include <xgboost/c_api.h>

#include "learn/ubjson_check.h"

#define CHECK(bytes) rg_ubjson_well_formed((const unsigned char *)(bytes), sizeof(bytes) - 1)

static void test_small_documents(void **state)
{
    (void)state;
    assert_true(CHECK("{U\x01" "aU\x05}"));                        /* {"a": 5} */
    assert_true(CHECK("[U\x01U\x02" "D\x3f\xf0\x00\x00\x00\x00\x00\x00]")); /* [1, 2, 1.0] */
    assert_true(CHECK("[$U#U\x03\x01\x02\x03"));                   /* typed array of 3 bytes */
    assert_true(CHECK("{U\x01" "sSU\x03" "abc}"));                 /* {"s": "abc"} */
    assert_true(CHECK("[#U\x02TF"));                                /* counted array [true, false] */
    assert_false(CHECK("{U\x01" "aU\x05"));                         /* no closing brace */
    assert_false(CHECK("{U\x01" "sSU\x09" "abc}"));                 /* string longer than the buffer */
    assert_false(CHECK("[$U#l\x7f\xff\xff\xff\x01\x02"));           /* count beyond the buffer */
    assert_false(CHECK("[$U#i\xff"));                               /* negative count */
    assert_false(CHECK("[Q]"));                                     /* unknown marker */
    assert_false(CHECK("U\x01U\x02"));                              /* two values */
    assert_false(CHECK(""));
    char deep[200];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    assert_false(rg_ubjson_well_formed((const unsigned char *)deep, sizeof deep)); /* 100 levels */
    assert_true(rg_ubjson_well_formed((const unsigned char *)deep + 40, 120));      /* 60 levels */
}

/* A model XGBoost itself wrote passes, and every truncation of it fails. */
static void test_xgboost_model(void **state)
{
    (void)state;
    float x[40];
    float y[20];
    for (int i = 0; i < 20; i++) {
        x[2 * i] = (float)i;
        x[2 * i + 1] = (float)(i % 3);
        y[i] = (float)(i > 9);
    }
    DMatrixHandle matrix;
    BoosterHandle booster;
    assert_int_equal(XGDMatrixCreateFromMat(x, 20, 2, NAN, &matrix), 0);
    assert_int_equal(XGDMatrixSetFloatInfo(matrix, "label", y, 20), 0);
    assert_int_equal(XGBoosterCreate(&matrix, 1, &booster), 0);
    assert_int_equal(XGBoosterSetParam(booster, "objective", "binary:logistic"), 0);
    for (int round = 0; round < 3; round++)
        assert_int_equal(XGBoosterUpdateOneIter(booster, round, matrix), 0);
    bst_ulong length;
    const char *buffer;
    assert_int_equal(XGBoosterSaveModelToBuffer(booster, "{\"format\": \"ubj\"}", &length, &buffer), 0);
    assert_true(rg_ubjson_well_formed((const unsigned char *)buffer, (size_t)length));
    for (size_t cut = 1; cut < (size_t)length; cut += 1 + (size_t)length / 200)
        assert_false(rg_ubjson_well_formed((const unsigned char *)buffer, (size_t)length - cut));
    XGBoosterFree(booster);
    XGDMatrixFree(matrix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_documents),
        cmocka_unit_test(test_xgboost_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
