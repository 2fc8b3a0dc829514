/*
 * riskgan.h — the public C API of libriskgan, and its manual.
 *
 * riskgan learns mixed-type financial tables (loan applications, card
 * transactions) and generates synthetic rows with a conditional tabular GAN
 * (CTGAN design: mode-specific normalization, PacGAN, WGAN-GP) or a TVAE.
 *
 * Conventions
 * - Status: every function that can fail returns a riskgan_status. On failure,
 *   riskgan_last_error() returns a human-readable message for the calling thread
 *   (file, line and column where they apply). The library never prints.
 * - Ownership: handles are opaque. Every handle a function returns through an
 *   out-pointer (tables, models, evaluations, detectors, experiments, market data,
 *   models, reports, backtests, risks) belongs to the caller, who releases it with the
 *   matching *_free (which accepts NULL); on failure *out is NULL. Text returned as
 *   `char *` (summaries) belongs to the caller and is released with riskgan_free.
 *   Text returned as `const char *` (names, messages, warnings) belongs to the object
 *   it came from and lives as long as it; riskgan_last_error's, until the thread's
 *   next failing call. Caller-supplied pointers are only borrowed for the call.
 * - Threads: functions on different objects may run in different threads at once,
 *   and functions taking a const handle (sampling, scoring, evaluating, saving) may
 *   share one object between threads; a function changing an object (free, set_*,
 *   drop_column) needs it to itself. Each call uses OpenMP and OpenBLAS with the
 *   process-wide thread counts; a call given a `threads` option sets them for its own
 *   length and gives the previous counts back. Process-wide, not to be called while
 *   other threads run riskgan: riskgan_set_threads, riskgan_parallel_init / _finalize.
 * - Files: outputs are written atomically (a temporary file beside the destination,
 *   renamed over it once complete); a symbolic link is written through, a named pipe
 *   or a device is written directly. Path "-" is standard input or output.
 * - Reproducibility: the same seed and the same thread count give byte-identical models
 *   and samples.
 *
 * Typical use
 *     riskgan_table *t;  riskgan_model *m;  riskgan_table *s;
 *     riskgan_read_options ro; riskgan_read_options_init(&ro);
 *     riskgan_table_read_csv("loans.csv", &ro, &t);
 *     riskgan_fit_options fo; riskgan_fit_options_init(&fo, RISKGAN_PRESET_DEFAULT);
 *     fo.target = "default";
 *     riskgan_fit(t, &fo, &m);
 *     riskgan_sample(m, 10000, 42, NULL, &s);
 *     riskgan_table_write_csv(s, "synthetic.csv");
 */
#ifndef RISKGAN_H
#define RISKGAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(RISKGAN_SHARED) && defined(__GNUC__)
#define RISKGAN_API __attribute__((visibility("default")))
#else
#define RISKGAN_API
#endif

#define RISKGAN_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum {
    RISKGAN_OK = 0,
    RISKGAN_ERR_INVALID_ARGUMENT, /* a caller-supplied option or name is wrong   */
    RISKGAN_ERR_IO,               /* a file could not be opened, read or written  */
    RISKGAN_ERR_PARSE,            /* malformed CSV input                          */
    RISKGAN_ERR_SCHEMA,           /* data does not fit what is asked of it        */
    RISKGAN_ERR_FORMAT,           /* a model file is corrupt, foreign or too new  */
    RISKGAN_ERR_NUMERIC,          /* NaN/inf appeared during training             */
    RISKGAN_ERR_NO_MEMORY,
    RISKGAN_ERR_INTERRUPTED       /* stopped through riskgan_fit_options.stop     */
} riskgan_status;

/* The library's version (RISKGAN_VERSION as it was built): bindings check it matches theirs. */
RISKGAN_API const char *riskgan_version(void);
/* Short fixed name of a status ("invalid argument", ...). */
RISKGAN_API const char *riskgan_status_string(riskgan_status status);
/* Message describing the last failure on this thread ("" if none). */
RISKGAN_API const char *riskgan_last_error(void);
/* Removes the temporary files of outputs still being written. Async-signal-safe: call it
 * from a SIGINT/SIGTERM handler before exiting, so an interrupted write leaves nothing. */
RISKGAN_API void riskgan_remove_temporary_files(void);
/* Writes `length` bytes to `path` atomically (temporary file + rename; "-": standard
 * output), with the mode a new file gets under the umask. */
RISKGAN_API riskgan_status riskgan_write_file(const char *path, const void *data, size_t length);
/* Threads used by OpenMP loops and OpenBLAS from now on, process-wide (<= 0: unchanged). */
RISKGAN_API void riskgan_set_threads(int threads);
/* Releases text riskgan returned as `char *` (the *_summary functions); NULL is ignored. */
RISKGAN_API void riskgan_free(void *text);

/* ---------------------------------------------------------------- tables */

typedef enum {
    RISKGAN_COLUMN_CONTINUOUS = 0, /* real-valued numbers                        */
    RISKGAN_COLUMN_INTEGER = 1,    /* whole numbers, kept as numbers on output    */
    RISKGAN_COLUMN_CATEGORICAL = 2,/* strings, booleans, codes with leading zeros */
    RISKGAN_COLUMN_DATETIME = 3    /* dates / date-times: seconds since 1970-01-01
                                      UTC as numbers, written in the input's format */
} riskgan_column_type;

/* What a column is for. An identifier (a customer number, an account, a claim id:
 * unique or nearly unique per row) is never modelled, never stored in a model file and
 * never written into generated rows: they carry fresh values that cannot equal a real one. */
typedef enum {
    RISKGAN_ROLE_FEATURE = 0,
    RISKGAN_ROLE_IDENTIFIER = 1
} riskgan_column_role;

typedef struct riskgan_table riskgan_table;

typedef struct {
    /* Comma-separated column names forced to categorical / continuous. */
    const char *discrete_columns;
    const char *continuous_columns;
    /* Comma-separated tokens read as missing. Default "NA,NaN,null,?" (the
     * empty field is always missing). */
    const char *missing_tokens;
    /* Drop rows holding any missing value (the count is reported through
     * riskgan_table_dropped_rows). Default 0: missing values are kept. */
    int drop_missing_rows;
    /* Comma-separated identifier columns (in addition to the detected ones). */
    const char *identifier_columns;
    /* Comma-separated date columns, each optionally with its format after a colon:
     * "opened,birth:dd/mm/yyyy". Formats: yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy (also with
     * '.' or '-', or d/m/yyyy without zero padding), each optionally followed by
     * " hh:mm", " hh:mm:ss", "Thh:mm:ss" or "Thh:mm:ssZ". */
    const char *datetime_columns;
    /* 1 (default): recognize identifier and date columns by their values (see
     * docs/data-integrity.md); 0: only the ones named above. */
    int detect_roles;
    /* Field separator: 0 (default) detects ',', ';', tab or '|' from the first lines. */
    char delimiter;
    /* Decimal mark of numbers: 0 (default) is '.', or ',' when the detected separator is
     * ';' and the numbers use commas. */
    char decimal_mark;
    /* Databases (docs/databases.md): the SQL query whose rows are read from a location
     * naming a database without a table ("sqlite:bank.db"); NULL: the location's table. */
    const char *query;
} riskgan_read_options;

RISKGAN_API void riskgan_read_options_init(riskgan_read_options *options);

/* Reads an RFC 4180 CSV file (header row required; quoted fields, embedded
 * separators/quotes/newlines, CRLF and a UTF-8 BOM are accepted; path "-" reads
 * standard input) and infers each column's type and role. Numbers are held as the
 * nearest double, whatever the locale. Codes with leading zeros ("007") stay strings.
 * Errors name the file, line and column.
 * `path` may also name a database table (docs/databases.md): "sqlite:FILE?table=T", or
 * "sqlite:FILE" with options->query; the catalog's declared types are taken as --discrete,
 * --continuous (with NUMERIC's scale as decimals), --datetime and --id (primary keys) would
 * be, and only NULL is missing (missing_tokens do not apply). Every function reading a
 * table from a path takes such locations. (A CSV file whose name starts "sqlite:" is read
 * as "./sqlite:...".) */
RISKGAN_API riskgan_status riskgan_table_read_csv(const char *path,
                                                  const riskgan_read_options *options,
                                                  riskgan_table **out);
/* A column given in memory to riskgan_table_from_columns: exactly one of numbers and text. */
typedef struct {
    const char *name;
    const double *numbers;       /* one number a row; NaN = missing (infinities are refused) */
    const char *const *text;     /* one NUL-terminated string a row; NULL = missing ("" is a value) */
    int categorical;             /* text: stays categorical even when every value reads as a number */
    const char *datetime_format; /* text holding dates in this format (as --datetime: "yyyy-mm-dd",
                                    "dd/mm/yyyy hh:mm", ...), else NULL (dates are still recognized
                                    when options->detect_roles) */
    int identifier;              /* 1: an identifier column (see riskgan_column_role) */
} riskgan_column_data;

/* Builds a table from columns in memory, without a file: typed, with roles and number formats,
 * exactly as riskgan_table_read_csv types a file holding the same values (numbers as their
 * shortest exact text, so each cell is the same double; a text column of numbers becomes
 * numeric unless `categorical`). options (may be NULL) as for reading, except that by default
 * no missing tokens apply: only NULL strings and NaN are missing. Nothing is kept of the
 * caller's arrays: the table owns copies (riskgan_table_free). Errors name the column and
 * row (rows counted from 1). Thread-safe. */
RISKGAN_API riskgan_status riskgan_table_from_columns(const riskgan_column_data *columns, size_t count, size_t rows,
                                                      const riskgan_read_options *options, riskgan_table **out);
/* Writes the table as CSV (atomically; path "-" writes standard output), in the input's
 * dialect. A number is written with its column's decimals when that is exact, else in the
 * shortest form that reads back as the same double; dates in the column's format. */
RISKGAN_API riskgan_status riskgan_table_write_csv(const riskgan_table *table,
                                                   const char *path);
/* Writes the table to a location (docs/databases.md): a CSV path as riskgan_table_write_csv,
 * or "sqlite:FILE?table=T", a new table created with the columns' types (INTEGER,
 * NUMERIC(p,s) with the column's decimals, REAL, DATE/TIMESTAMP in ISO form, TEXT; missing
 * values NULL) in one transaction. An existing table is refused unless `replace`, which drops
 * it in that same transaction; on any failure nothing is left behind.
 * riskgan_table_write_csv(t, location) is riskgan_table_write(t, location, 0). */
RISKGAN_API riskgan_status riskgan_table_write(const riskgan_table *table, const char *location, int replace);
RISKGAN_API void riskgan_table_free(riskgan_table *table);

RISKGAN_API size_t riskgan_table_rows(const riskgan_table *table);
RISKGAN_API size_t riskgan_table_columns(const riskgan_table *table);
RISKGAN_API size_t riskgan_table_dropped_rows(const riskgan_table *table);
/* Index of the column with that name, or -1. */
RISKGAN_API long riskgan_table_find_column(const riskgan_table *table, const char *name);
/* The CSV dialect the table was read in (and is written in): separator and decimal mark. */
RISKGAN_API void riskgan_table_dialect(const riskgan_table *table, char *delimiter, char *decimal_mark);
/* Sets the dialect riskgan_table_write_csv uses (',' or ';' or '\t' or '|'; '.' or ','). */
RISKGAN_API riskgan_status riskgan_table_set_dialect(riskgan_table *table, char delimiter, char decimal_mark);
/* Removes column `column` (e.g. identifiers before sharing a synthetic file). */
RISKGAN_API riskgan_status riskgan_table_drop_column(riskgan_table *table, size_t column);

typedef struct {
    const char *name;
    riskgan_column_type type;
    size_t missing;        /* number of missing values                          */
    size_t distinct;       /* distinct non-missing values (categorical, or
                              numeric up to distinct_capped)                    */
    int distinct_capped;   /* 1 when a numeric column has more than 1000 values */
    double minimum, maximum, mean; /* numeric columns, over non-missing values  */
    int decimals;          /* decimals of the input (-1: written with exponents) */
    riskgan_column_role role;
    const char *datetime_format; /* date columns: "yyyy-mm-dd" etc.; else NULL  */
    int role_detected;     /* the role or date format was recognized from the values */
} riskgan_column_summary;

RISKGAN_API riskgan_status riskgan_table_column_summary(const riskgan_table *table,
                                                        size_t column,
                                                        riskgan_column_summary *out);
/* Checks that `name` is a column usable as a binary/multiclass risk target:
 * it exists, is categorical or has few distinct values (<= 50), has no more
 * than half its rows missing and holds at least two classes. */
RISKGAN_API riskgan_status riskgan_table_check_target(const riskgan_table *table, const char *name);
/* The (up to) k most frequent categories of a categorical column, most frequent
 * first (ties by first appearance). Returns how many were written. */
RISKGAN_API size_t riskgan_table_top_categories(const riskgan_table *table, size_t column,
                                                size_t k, const char **names, size_t *counts);
/* Writes `value` as column `column` writes its numbers (dates as dates) into out. */
RISKGAN_API void riskgan_table_format_value(const riskgan_table *table, size_t column, double value, char *out,
                                            size_t size);
/* Numeric cell (NaN when missing) of a numeric column; date columns hold seconds since
 * 1970-01-01 UTC. */
RISKGAN_API double riskgan_table_number(const riskgan_table *table, size_t row, size_t column);
/* Category string of a categorical cell, NULL when missing. */
RISKGAN_API const char *riskgan_table_category(const riskgan_table *table, size_t row,
                                               size_t column);
/* A column whole (for bindings: the Python package): a numeric column's rows x doubles (NaN
 * missing; dates in seconds since 1970-01-01 UTC), or a categorical column's codes (-1
 * missing) into its levels 0..levels-1; the wrong kind of column is
 * RISKGAN_ERR_INVALID_ARGUMENT. */
RISKGAN_API riskgan_status riskgan_table_column_numbers(const riskgan_table *table, size_t column, double *out);
RISKGAN_API riskgan_status riskgan_table_column_codes(const riskgan_table *table, size_t column, int32_t *out);
RISKGAN_API size_t riskgan_table_column_levels(const riskgan_table *table, size_t column);
RISKGAN_API const char *riskgan_table_column_level(const riskgan_table *table, size_t column, size_t level);

/* ---------------------------------------------------------------- linked tables */

/* A data set of tables tied by keys (customers -> accounts -> transactions), read as a
 * metadata file says (docs/relational.md: SDV's multi-table metadata plus a CSV path per
 * table). Reading checks what holds across tables: every file and column the metadata
 * names, unique primary keys, every foreign key naming a parent row; errors name the table,
 * the file's line and the column. */
typedef struct riskgan_dataset riskgan_dataset;
RISKGAN_API riskgan_status riskgan_dataset_read(const char *metadata_path, riskgan_dataset **out);
/* Writes every table as DIRECTORY/NAME.csv and the metadata as DIRECTORY/metadata.json (the
 * folder is made if needed; each file written atomically). */
RISKGAN_API riskgan_status riskgan_dataset_write(const riskgan_dataset *dataset, const char *directory);
/* The same, or into a database (docs/databases.md): "sqlite:FILE" or "postgresql://...[?schema=S]"
 * gets one new table per metadata table, parents first, each with its PRIMARY KEY and the
 * FOREIGN KEY to its parent, each in one transaction; when one fails the ones already written
 * are dropped again. Existing tables are refused unless `replace`. */
RISKGAN_API riskgan_status riskgan_dataset_write_to(const riskgan_dataset *dataset, const char *location, int replace);
RISKGAN_API void riskgan_dataset_free(riskgan_dataset *dataset);
/* A dataset from columns in memory (for bindings: a dict of DataFrames): the metadata as JSON
 * text (table paths are not read), and per table its name, columns (count) and rows; typed as
 * the metadata says (ids, dates in the declared format, categoricals), keys checked and parents
 * linked as riskgan_dataset_read does. */
RISKGAN_API riskgan_status riskgan_dataset_from_columns(const char *metadata_json, const char *const *names,
                                                        const riskgan_column_data *const *columns,
                                                        const size_t *column_counts, const size_t *rows, size_t count,
                                                        riskgan_dataset **out);
RISKGAN_API size_t riskgan_dataset_table_count(const riskgan_dataset *dataset);
/* Name and rows of table i (NULL past the end); the table belongs to the dataset. */
RISKGAN_API const char *riskgan_dataset_table_name(const riskgan_dataset *dataset, size_t table);
RISKGAN_API const riskgan_table *riskgan_dataset_table(const riskgan_dataset *dataset, size_t table);
/* Index of the table with that name, or -1. */
RISKGAN_API long riskgan_dataset_find_table(const riskgan_dataset *dataset, const char *name);
/* A first metadata for the CSV files of a folder (`riskgan inspect --relational DIR`), to review
 * and save in that folder: tables, primary keys (unique columns, key-like names first), foreign
 * keys (a column whose name points at another table's key and whose values all are its
 * values), each child's date column as its sequence index, compact yymmdd dates in
 * date-named columns, and the running balances the data keeps as rules. *json and *notes
 * (what the draft decided, for the user; may be NULL) are the caller's (riskgan_free). */
RISKGAN_API riskgan_status riskgan_dataset_draft_metadata(const char *directory, char **json, char **notes);
/* The dataset in words: tables, children per parent, the rules that hold across rows with
 * the share of rows keeping them; release with riskgan_free. */
RISKGAN_API char *riskgan_dataset_describe(const riskgan_dataset *dataset);

/* ---------------------------------------------------------------- synthesizers */

typedef enum {
    RISKGAN_MODEL_CTGAN = 0, /* conditional tabular GAN (WGAN-GP, PacGAN) */
    RISKGAN_MODEL_TVAE = 1   /* tabular variational autoencoder */
} riskgan_model_kind;

/* The name of a model kind as --model writes it ("ctgan", "tvae"); NULL for an unknown kind. */
RISKGAN_API const char *riskgan_model_kind_name(riskgan_model_kind kind);
/* The model kind a name stands for; RISKGAN_ERR_INVALID_ARGUMENT (without a message) when none. */
RISKGAN_API riskgan_status riskgan_model_kind_from_name(const char *name, riskgan_model_kind *kind);

typedef enum {
    RISKGAN_PRESET_DEFAULT = 0, /* riskgan's defaults (see docs/synthesizer.md) */
    RISKGAN_PRESET_CTGAN = 1    /* exactly the published CTGAN / TVAE defaults */
} riskgan_preset;

typedef struct {
    int epoch, epochs;            /* epochs completed so far, of the total */
    double generator_loss;        /* epoch means; TVAE: reconstruction loss */
    double discriminator_loss;    /* TVAE: KL divergence */
    double rows_per_second;       /* training rows processed per second */
    double elapsed_seconds, eta_seconds; /* with early stopping, eta counts the planned epochs: an
                                            upper bound */
    double held_out_detection;    /* early stopping's check after this epoch: detection ROC AUC
                                     of generated against held-out rows; NaN when none ran */
} riskgan_progress;

typedef void (*riskgan_progress_fn)(const riskgan_progress *progress, void *user);

typedef struct {
    riskgan_model_kind model;
    const char *target;        /* risk target column (optional): always encoded one-hot;
                                  see label_model */
    int epochs;                /* 0 = chosen from the data (default preset): 300 on tables up to
                                  3,333 rows, then a budget of 1,000,000 rows passed through the
                                  networks (50 epochs of 20,000 rows); under differential privacy
                                  about 420 generator steps, at most 30 epochs; TVAE 300 */
    int batch_size;            /* 0 = chosen from the number of rows */
    int discriminator_steps;   /* discriminator updates per generator update */
    int hidden;                /* width of the networks' hidden layers (0 = published: CTGAN
                                  256, TVAE 128); smaller models for small tables */
    int pac;                   /* rows per PacGAN pack; batch_size must be a multiple */
    double generator_lr, discriminator_lr;       /* 0 = the model's published default:
                                                    CTGAN 2e-4 / 2e-4, TVAE 1e-3 */
    double generator_decay, discriminator_decay; /* Adam L2 weight decay; negative = the
                                                    published default: CTGAN 1e-6, TVAE 1e-5 */
    double target_condition_weight; /* probability of conditioning on the target
                                       column in a training step (0 = uniform over
                                       discrete columns, as CTGAN) */
    size_t max_categories;     /* categories kept per column; rarer ones grouped */
    size_t min_category_count; /* a category seen in fewer training rows than this (5) is
                                  never stored in the model nor generated: it is folded
                                  into the grouped "other" level (target classes exempt) */
    int extrapolate;           /* 1: generated numbers may leave the observed range (0) */
    /* Per-column overrides of the learned formats, "col:key=value,key=value;col2:...":
     * decimals=N (round to N decimals), step=X (multiples of X), range=observed|free,
     * values=observed|any (observed: only values seen in training; any: no snapping). */
    const char *column_formats;
    int calibrate_marginals;   /* after training, match each column's distribution to the
                                  training data by logit biases and monotone quantile maps
                                  (keeps the learned dependence; default preset: on) */
    int label_model;           /* draw the target of generated rows from a logistic regression
                                  of the target on the other columns, fitted to the training
                                  rows (needs a target; default preset: on) */
    /* Differential privacy (docs/privacy.md). epsilon > 0: every access to the training
     * data is differentially private and accounted for: the column statistics through
     * noisy counts (a fixed share of the budget), the critic through DP-SGD (Poisson-sampled
     * rows, per-row clipping, Gaussian noise; pac is set to 1), the generator only through
     * the critic; marginal calibration aims at the noisy statistics; the label model is a
     * binary logistic regression fitted by noisy gradient descent. CTGAN only. */
    double epsilon;
    double delta;              /* 0 = 10^-(ceil(log10 rows) + 1): below 1 / (10 rows) */
    const char *metadata;      /* JSON declaring public column facts (bounds, decimals, category
                                  domains, identifiers) that then cost no budget; needs epsilon:
                                  {"columns": {"age": {"min": 18, "max": 100}, ...}} */
    size_t fit_sample_rows;    /* the transformer, label model and calibration learn from all rows
                                  up to twice this many, else from a seeded sample of this to twice
                                  this many (0 = 100,000; docs/scaling.md) */
    size_t memory_limit_mb;    /* riskgan_fit_csv: a shard whose rows (table and encoded) need more
                                  is streamed: read in blocks, encoded to a temporary file, trained
                                  on a block at a time (ctgan; 0 = half the machine's memory) */
    long max_steps;            /* > 0: training stops after this many generator steps (the last
                                  epoch partial): a budget for tables of millions of rows */
    int early_stopping;        /* 1: when the epochs are chosen from the data (epochs 0) for a
                                  ctgan fit of one process in memory, without epsilon, on 5,000
                                  rows or more, min(10 %, 2,000) rows are held out of training;
                                  about 12 times over the epochs the generator is calibrated and
                                  gradient-boosted trees try to tell its rows from them (detection
                                  AUC); training stops after 3 checks without a better one and the
                                  generator of the best check is kept. Off by default: on the
                                  measured tables it stopped too soon (docs/synthesizer.md) */
    uint64_t seed;
    int threads;               /* 0 = leave the current setting */
    riskgan_progress_fn progress; /* called after every epoch (may be NULL) */
    void *progress_user;
    volatile int *stop;        /* set non-zero (e.g. from a signal handler) to stop */
} riskgan_fit_options;

RISKGAN_API void riskgan_fit_options_init(riskgan_fit_options *options, riskgan_preset preset);
/* For bindings that cannot lay out the struct (the Python package): its size, and one option
 * set by its field's name from text ("epochs", "100"; "model", "tvae"; "epsilon", "1"). Text
 * options (target, column_formats, metadata) keep the pointer given: it must outlive the fit.
 * An unknown name or a value that does not parse is RISKGAN_ERR_INVALID_ARGUMENT naming it. */
RISKGAN_API size_t riskgan_fit_options_size(void);
RISKGAN_API riskgan_status riskgan_fit_options_set(riskgan_fit_options *options, const char *name, const char *value);
RISKGAN_API void riskgan_fit_options_set_stop(riskgan_fit_options *options, volatile int *stop);
RISKGAN_API void riskgan_fit_options_set_progress(riskgan_fit_options *options, riskgan_progress_fn progress,
                                                  void *user);
/* Checks the options before any work; returns a reason or NULL (liblinear style). */
RISKGAN_API const char *riskgan_fit_options_check(const riskgan_fit_options *options);

typedef struct riskgan_model riskgan_model;

/* Fits the transformer and the chosen model to the table. Identifier columns are not
 * modelled (generated rows get fresh identifiers); each numeric column's format (decimals,
 * grid, range, observed values of few-valued columns, dates) is learned and applied to
 * generated values. Returns RISKGAN_ERR_NUMERIC (naming the epoch) if a loss becomes
 * NaN/inf. When options->stop is raised after at least one epoch, training stops, the
 * calibration and label model are still fitted, and RISKGAN_ERR_INTERRUPTED is returned
 * with *out set to that complete model (usable and savable); stopped before the first epoch
 * ended, there is no model. */
RISKGAN_API riskgan_status riskgan_fit(const riskgan_table *table, const riskgan_fit_options *options,
                                       riskgan_model **out);

/* --- Beyond one machine (docs/scaling.md) ---
 * Data-parallel fitting over MPI: build with -DRISKGAN_MPI=ON, start the program with
 * mpirun, call riskgan_parallel_init first and riskgan_parallel_finalize last. Without
 * mpirun (or without MPI) there is one rank and everything runs as one process. */
RISKGAN_API riskgan_status riskgan_parallel_init(int *argc, char ***argv); /* RISKGAN_ERR_IO: MPI failed */
RISKGAN_API void riskgan_parallel_finalize(void);
RISKGAN_API int riskgan_parallel_rank(void);
RISKGAN_API int riskgan_parallel_ranks(void);

/* Fits like riskgan_fit, reading the CSV file itself; called by every rank. Every rank
 * reads the file through (types are inferred on all rows) and keeps: the fit sample (all
 * rows up to 200,000, else a seeded Bernoulli sample of 100,000 to 200,000 of them; see
 * fit_sample_rows) that
 * the transformer, the label model and the calibration learn from, and its own contiguous
 * share of the rows that the networks train on. Every optimizer step draws one global batch
 * from all ranks' rows, each rank computes its packs and the gradients (and the generator's
 * batch statistics) are summed over the ranks: N ranks fit the model one process fits, up
 * to floating-point summation order. Every rank returns the same model; rank 0 should save
 * it. CTGAN without differential privacy only, when there is more than one rank. A database
 * table (docs/databases.md) is not read whole by any rank: each reads its share of the rows
 * (SQLite: rowid modulo the ranks; PostgreSQL: the page modulo the ranks), rows are numbered
 * rank by rank, and the ranks exchange the fit sample's rows; a query cannot be shared out. */
RISKGAN_API riskgan_status riskgan_fit_csv(const char *path, const riskgan_read_options *read_options,
                                           const riskgan_fit_options *options, riskgan_model **out);

typedef struct {
    const char *column; /* a discrete column (categorical, or numeric one-hot encoded) */
    const char *value;  /* one of its values as written in the training file */
} riskgan_condition;

/* Generates `rows` synthetic rows. With `where` (CTGAN only), every row holds that
 * value: the generator is conditioned on it through the conditional vector. */
RISKGAN_API riskgan_status riskgan_sample(const riskgan_model *model, size_t rows, uint64_t seed,
                                          const riskgan_condition *where, riskgan_table **out);
/* The same rows as riskgan_sample, written to a CSV file (atomically; "-": standard output)
 * as they are drawn, 65,536 at a time: memory does not grow with the number of rows.
 * omit_identifiers: identifier columns are left out of the file. */
RISKGAN_API riskgan_status riskgan_sample_to_csv(const riskgan_model *model, size_t rows, uint64_t seed,
                                                 const riskgan_condition *where, int omit_identifiers,
                                                 const char *path);
/* The same into any location riskgan_table_write takes (a database table in one transaction;
 * an existing one refused unless `replace`). */
RISKGAN_API riskgan_status riskgan_sample_to(const riskgan_model *model, size_t rows, uint64_t seed,
                                             const riskgan_condition *where, int omit_identifiers,
                                             const char *location, int replace);
/* How faithful conditioning is: samples `rows` rows under `where` and returns in *share the
 * fraction whose generated value (before the condition is written into the row) already
 * was the condition. Near 1: the generator follows the condition; near the value's
 * frequency: the condition is written over rows that do not belong to it. */
RISKGAN_API riskgan_status riskgan_condition_agreement(const riskgan_model *model, const riskgan_condition *where,
                                                       size_t rows, uint64_t seed, double *share);

RISKGAN_API riskgan_status riskgan_model_save(const riskgan_model *model, const char *path);
/* Refuses (RISKGAN_ERR_FORMAT, with the reason) a file that is not a riskgan
 * model, is truncated or corrupt (checksum), or is of a newer format version. */
RISKGAN_API riskgan_status riskgan_model_load(const char *path, riskgan_model **out);
RISKGAN_API riskgan_status riskgan_model_load_memory(const void *data, size_t length,
                                                     riskgan_model **out);
RISKGAN_API void riskgan_model_free(riskgan_model *model);

typedef struct {
    riskgan_model_kind kind;
    size_t columns, training_rows, encoded_width;
    size_t rows_left_out;  /* rows not trained on: a value the fit sample never showed */
    size_t training_blocks; /* > 0: the rows were streamed from disk in this many blocks (fit only) */
    int epochs, epochs_completed, batch_size;
    uint64_t seed;
    const char *target; /* NULL when none */
    /* early stopping (fit only): rows held out of training (0: no check ran), the epoch whose
     * generator was kept and its held-out detection AUC */
    size_t held_out_rows;
    int best_epoch;
    double held_out_detection;
} riskgan_model_info;
RISKGAN_API void riskgan_model_get_info(const riskgan_model *model, riskgan_model_info *info);

/* The differential-privacy guarantee a model was fitted under (all zero when none). */
typedef struct {
    int private_fit;               /* 1: fitted with riskgan_fit_options.epsilon */
    double epsilon, delta;         /* the guarantee of the whole fit (<= the requested epsilon) */
    double statistics_epsilon;     /* what the column statistics alone cost, at the same delta */
    double label_model_epsilon;    /* what the label model alone costs (0: none fitted) */
    double count_noise;            /* standard deviation of every noisy count */
    size_t unit_queries;           /* counts each training row contributes 1 to */
    double release_delta;          /* part of delta spent on releasing categories */
    double noise_multiplier;       /* DP-SGD: noise standard deviation / clip norm */
    double sample_rate;            /* DP-SGD: probability a row joins a critic step */
    double clip_norm;              /* DP-SGD: bound on one row's gradient */
    long critic_steps;             /* DP-SGD steps composed (as planned for the requested epochs) */
} riskgan_privacy_report;
RISKGAN_API void riskgan_model_privacy(const riskgan_model *model, riskgan_privacy_report *report);
/* Name of column j of the model's schema, NULL past the end. */
RISKGAN_API const char *riskgan_model_column_name(const riskgan_model *model, size_t column);
/* How the model treats column j: 1 when it is an identifier (not modelled; generated rows get
 * fresh values); a date column's format name goes to datetime_format (size bytes, "" when
 * not a date). RISKGAN_ERR_INVALID_ARGUMENT (no message) past the last column. */
RISKGAN_API riskgan_status riskgan_model_column_role(const riskgan_model *model, size_t column, int *identifier,
                                                     char *datetime_format, size_t size);

/* ---------------------------------------------------------------- linked tables: synthesis */

/* A model of linked tables (docs/relational.md): each root table by the single-table
 * synthesizer, its rows carrying how many rows each has in every child table; each child
 * table by an event model that writes a parent's rows one after another (the gap since the
 * previous one, then its categories, then its numbers, each from the parent's row and the
 * sequence so far). Keys are fresh (none equals a real one), every foreign key names a
 * generated parent, and the rules of the metadata (a running balance) hold exactly. */
typedef struct riskgan_relational_model riskgan_relational_model;

typedef struct {
    riskgan_fit_options root;  /* the root tables' synthesizer (its seed and stop are set from
                                  below; differential privacy is refused; max_steps 0 means
                                  6,000 generator steps at most: 300 epochs of 10,000 rows) */
    int epochs;                /* event models: passes over the events (0: by their number) */
    int hidden;                /* event models: hidden width (0: 128) */
    int batch;                 /* event models: events per step (0: 256) */
    double learning_rate;      /* event models: Adam's step (0: 1e-3) */
    int adversarial_rounds;    /* event models: rounds of adversarial fine-tuning after maximum
                                  likelihood (variant 2 in docs/relational.md; 0: none) */
    int counts_only;           /* root tables carry only their numbers of children, not also
                                  the children's mean numbers and category shares (the design
                                  before variant 3 in docs/relational.md; 0: summaries) */
    int monthly_echoes;        /* event models: kinds of events that come back a month later on
                                  the same day get a gap token landing there (docs/relational.md
                                  "monthly echoes"; 0: none, the default: measured worse on the
                                  event accuracy and detection of the Berka bank) */
    int days_of_month;         /* event models: an event drawn on a day of the month its kind
                                  never falls on in the data moves to a day of its month the kind
                                  falls on (docs/relational.md "days of the month"; 1, the
                                  default; 0: events stay where the day was drawn) */
    int monthly_kinds;         /* event models: a kind every real sequence has in each month once
                                  it starts (interest, a standing order) is never skipped: a drawn
                                  date past its due date has it on that date first
                                  (docs/relational.md "monthly kinds"; 1, the default; 0: as drawn) */
    size_t min_parents;        /* a child value seen under fewer parents is never stored (5) */
    uint64_t seed;
    int threads;               /* 0 = leave the current setting */
    void (*progress)(const char *message, void *user); /* the event models' epochs (may be NULL) */
    void *progress_user;
    volatile int *stop;        /* set non-zero to stop: the fit fails with RISKGAN_ERR_INTERRUPTED */
} riskgan_relational_fit_options;

RISKGAN_API void riskgan_relational_fit_options_init(riskgan_relational_fit_options *options);
/* For bindings: the struct's size, and an option by name from text: event_epochs, event_hidden,
 * event_batch, adversarial_rounds, counts_only, monthly_echoes, days_of_month, monthly_kinds, seed,
 * threads,
 * else the root synthesizer's (riskgan_fit_options_set: epochs, batch_size, ...). */
RISKGAN_API size_t riskgan_relational_fit_options_size(void);
RISKGAN_API riskgan_status riskgan_relational_fit_options_set(riskgan_relational_fit_options *options,
                                                              const char *name, const char *value);
RISKGAN_API riskgan_status riskgan_relational_fit(const riskgan_dataset *dataset,
                                                  const riskgan_relational_fit_options *options,
                                                  riskgan_relational_model **out);
/* Generates a dataset under the model's metadata: `scale` times as many rows of each root
 * table as the data had (at least one), their children as the model draws them. */
RISKGAN_API riskgan_status riskgan_relational_sample(const riskgan_relational_model *model, double scale,
                                                     uint64_t seed, riskgan_dataset **out);
/* The same with every choice: how many root rows, and a condition on one root table's
 * discrete column (its synthesizer is conditioned on it as riskgan_sample does; that
 * table's children then follow parents that hold the value). */
typedef struct {
    size_t rows;             /* rows of each root table; 0: `scale` times the data's rows */
    double scale;            /* 1 */
    const char *where_table; /* a root table, or NULL for no condition */
    riskgan_condition where; /* its column and value, when where_table is set */
    uint64_t seed;
} riskgan_relational_sample_options;
RISKGAN_API void riskgan_relational_sample_options_init(riskgan_relational_sample_options *options);
RISKGAN_API riskgan_status riskgan_relational_sample_with(const riskgan_relational_model *model,
                                                          const riskgan_relational_sample_options *options,
                                                          riskgan_dataset **out);
RISKGAN_API riskgan_status riskgan_relational_model_save(const riskgan_relational_model *model, const char *path);
/* Refuses, with the reason, a file that is not a riskgan model of linked tables, or a
 * truncated, corrupt or newer one. */
RISKGAN_API riskgan_status riskgan_relational_model_load(const char *path, riskgan_relational_model **out);
RISKGAN_API riskgan_status riskgan_relational_model_load_memory(const void *data, size_t length,
                                                                riskgan_relational_model **out);
RISKGAN_API void riskgan_relational_model_free(riskgan_relational_model *model);
/* 1 when the file starts as a model of linked tables (to tell it from a single-table model). */
RISKGAN_API int riskgan_relational_model_file(const char *path);

/* How generated linked tables compare with the real ones (docs/relational.md): per table
 * the single-table fidelity; per child table the number of children per parent (KS, zeros),
 * the share of rows that keep each rule beside the real share, the first events' values,
 * 1 - TVD "accuracy" of its events, and an XGBoost detection AUC (5-fold) on the events with
 * their sequence context; per root table a detection AUC on per-parent profiles (its columns
 * and its children's aggregates); privacy per entity (real keys reused, rare values, distance
 * of generated profiles to the closest real one); with a target, TSTR of a parent-level
 * target from profiles. */
typedef struct {
    const char *target;    /* optional "table.column": a child table with at most one row per
                              parent (a loan's status); its parents are scored from profiles */
    const char *positive;  /* the target's positive values, comma-separated ("B,D") */
    uint64_t seed;
    int threads;
    int folds;             /* detection cross-validation folds (5) */
    int trees;             /* XGBoost rounds (200) */
    size_t rare_count;     /* a real value in fewer rows is rare: generating it is a leak (5) */
} riskgan_relational_evaluate_options;

RISKGAN_API void riskgan_relational_evaluate_options_init(riskgan_relational_evaluate_options *options);
/* The report as JSON text (*json: the caller's, riskgan_free); keys in docs/relational.md. */
RISKGAN_API riskgan_status riskgan_relational_evaluate(const riskgan_dataset *real, const riskgan_dataset *synthetic,
                                                       const riskgan_relational_evaluate_options *options,
                                                       char **json);
/* A self-contained HTML page of the report, with a few real and generated parents' timelines
 * side by side (written atomically). */
RISKGAN_API riskgan_status riskgan_relational_report_html(const char *json, const riskgan_dataset *real,
                                                          const riskgan_dataset *synthetic, const char *path);

/* ---------------------------------------------------------------- tables (more) */

/* Reads a CSV whose columns should match `schema` (e.g. a test or synthetic file
 * next to the training file): each column named in the schema is read with the
 * schema's type (categorical stays categorical even if it looks numeric). Columns of
 * the schema missing from the file are an error (RISKGAN_ERR_SCHEMA) naming them;
 * extra columns are kept. */
RISKGAN_API riskgan_status riskgan_table_read_csv_like(const char *path, const riskgan_table *schema,
                                                       const riskgan_read_options *options,
                                                       riskgan_table **out);
/* Stratified random split (on `target`, which may be NULL for a plain random split):
 * a share `test_fraction` of each class goes to *test, the rest to *train. */
RISKGAN_API riskgan_status riskgan_table_split(const riskgan_table *table, const char *target,
                                               double test_fraction, uint64_t seed,
                                               riskgan_table **train, riskgan_table **test);

/* An out-of-time cut: rows whose `column` is at or after `from` go to *after, the others to
 * *before. `from` is read as the column holds its values: a date (in the column's format or
 * as yyyy-mm-dd), a number, or text compared in byte order; rows missing the value stay
 * before. A `from` that is not such a value, or a cut leaving one side empty, is an error. */
RISKGAN_API riskgan_status riskgan_table_cut(const riskgan_table *table, const char *column, const char *from,
                                             riskgan_table **before, riskgan_table **after);

/* The "independent columns" baseline: `rows` rows whose every cell is drawn at random
 * from the same column of `table`. Perfect marginals, no dependence between columns: the
 * floor a synthesizer must clear (see docs/metrics.md). */
RISKGAN_API riskgan_status riskgan_table_sample_independent(const riskgan_table *table, size_t rows,
                                                            uint64_t seed, riskgan_table **out);

/* ---------------------------------------------------------------- evaluation */

typedef struct {
    const char *target;    /* required: the risk target column */
    const char *positive;  /* the positive class ("1", "bad"...); NULL = "1" if present,
                              else the rarer class in the training data */
    uint64_t seed;
    int threads;
    int folds;             /* detection cross-validation folds (default 5) */
    int trees;             /* boosting rounds of the XGBoost models (default 200) */
    size_t rare_count;     /* a training value seen in fewer rows is rare: finding it in a
                              synthetic row is a leak (default 5, as fitting's
                              min_category_count) */
    const struct riskgan_model *model; /* optional: the model the synthetic rows came from;
                                          its differential-privacy guarantee is reported */
    /* Large tables (docs/metrics.md): nearest-neighbour metrics take a seeded sample of at
     * most neighbor_queries synthetic and test query rows (and half as many membership probes
     * per class), each against every reference row, and report the sampling error; the
     * detection, utility and per-class models work on a seeded sample of at most model_rows
     * rows of each table. Fidelity always uses every row. 0 = the defaults 5,000 / 100,000. */
    size_t neighbor_queries;
    size_t model_rows;
} riskgan_evaluate_options;

RISKGAN_API void riskgan_evaluate_options_init(riskgan_evaluate_options *options);

typedef struct riskgan_evaluation riskgan_evaluation;

/* Judges `synthetic` against real `train` (what the generator saw) and `test` (held
 * out): fidelity, detectability, utility and privacy (see docs/metrics.md). The three
 * tables must hold the training table's columns (read the others with
 * riskgan_table_read_csv_like). */
RISKGAN_API riskgan_status riskgan_evaluate(const riskgan_table *train, const riskgan_table *test,
                                            const riskgan_table *synthetic,
                                            const riskgan_evaluate_options *options,
                                            riskgan_evaluation **out);

typedef struct {
    double column_shapes, pair_trends, quality;  /* in [0, 1], higher is closer */
    double detection_auc;                         /* 0.5 = indistinguishable */
    double trtr_auc, tstr_auc, augmented_auc;     /* XGBoost ROC-AUC on the test split */
    double dcr_synthetic_median, dcr_test_median; /* distance to closest train record */
    double exact_copy_share;                      /* synthetic rows equal to a train row */
    double membership_auc;                        /* distance attack; 0.5 = no leakage */
    double density_ratio_auc;                     /* the stronger density-ratio attack */
    double epsilon, delta;                        /* the model's DP guarantee (NaN: none
                                                     or no model given) */
    double positive_detection_auc;  /* detection AUC of the positive (risk) class's rows alone */
    double label_faithfulness_auc;  /* a model fitted on real rows ranks the synthetic labels */
    size_t rare_value_leaks;   /* synthetic rows holding a real identifier, or a real category seen
                                  in fewer than `rare_count` training rows (a leak even when
                                  the row as a whole is no copy) */
    size_t warnings;
} riskgan_evaluation_scores;

RISKGAN_API void riskgan_evaluation_get_scores(const riskgan_evaluation *evaluation,
                                                riskgan_evaluation_scores *summary);
/* The i-th warning (schema mismatches, unseen categories...), NULL past the end. */
RISKGAN_API const char *riskgan_evaluation_warning(const riskgan_evaluation *evaluation, size_t i);
RISKGAN_API riskgan_status riskgan_evaluation_write_json(const riskgan_evaluation *evaluation,
                                                         const char *path);
/* One self-contained HTML file (inline SVG charts, no network access). */
RISKGAN_API riskgan_status riskgan_evaluation_write_html(const riskgan_evaluation *evaluation,
                                                         const char *path);
RISKGAN_API void riskgan_evaluation_free(riskgan_evaluation *evaluation);

/* ---------------------------------------------------------------- imbalanced risk modelling */

typedef enum {
    RISKGAN_RISK_XGBOOST = 0,
    RISKGAN_RISK_LOGREG = 1,
    RISKGAN_RISK_SCORECARD = 2     /* binned, WoE logistic regression, points (docs/scorecard.md) */
} riskgan_risk_algorithm;

typedef enum {
    RISKGAN_AUGMENT_NONE = 0,   /* the data as it is */
    RISKGAN_AUGMENT_RANDOM,     /* duplicate random minority rows */
    RISKGAN_AUGMENT_SMOTE,      /* SMOTE (Chawla et al. 2002), numeric features only */
    RISKGAN_AUGMENT_SMOTENC,    /* SMOTE-NC, mixed numeric and categorical features */
    RISKGAN_AUGMENT_GAN,        /* minority rows from a model of all rows (docs/augmentation.md) */
    RISKGAN_AUGMENT_ADASYN,     /* ADASYN (He et al. 2008): SMOTE-NC near the class border */
    RISKGAN_AUGMENT_GAN_MINORITY /* a GAN fitted on the minority rows alone (Fiore et al. 2019) */
} riskgan_augment_method;

/* --ratio auto: how the number of added rows was chosen. Grid point i adds
 * gap_share[i] x (majority - minority) rows (0 = none); each is scored by the inner
 * cross-validated PR-AUC of the risk model on the training rows alone. */
enum { RISKGAN_RATIO_GRID = 5 };
typedef struct {
    size_t points, chosen;                 /* chosen: index of the grid point used */
    double gap_share[RISKGAN_RATIO_GRID], ratio[RISKGAN_RATIO_GRID], added_rows[RISKGAN_RATIO_GRID];
    double pr_auc[RISKGAN_RATIO_GRID], pr_auc_sd[RISKGAN_RATIO_GRID];
    int inner_folds;
} riskgan_ratio_curve;

typedef struct {
    const char *target;        /* required */
    const char *minority;      /* the class to add (default: the rarest class) */
    riskgan_augment_method method;
    double ratio;              /* add minority rows until minority / majority = ratio (1.0);
                                  majority = the largest of the other classes */
    int neighbors;             /* SMOTE's k (5) */
    const riskgan_model *model;        /* GAN: a model fitted on this schema (else one is fitted) */
    const riskgan_fit_options *fit;    /* GAN without a model: how to fit it (NULL = defaults) */
    const char *mark_column;   /* if set, a 0/1 column with this name flags added rows */
    int auto_ratio;            /* choose the ratio by inner cross-validation (ratio ignored) */
    riskgan_risk_algorithm ratio_model; /* auto_ratio: the risk model it is chosen for */
    riskgan_ratio_curve *curve;         /* auto_ratio: receives the curve (may be NULL) */
    uint64_t seed;
    int threads;
} riskgan_augment_options;

RISKGAN_API void riskgan_augment_options_init(riskgan_augment_options *options);
/* The input rows followed by the added minority rows (same columns and formatting). A
 * ratio that would remove rows, a minority class with fewer than k+1 rows (SMOTE), numeric
 * SMOTE on categorical features, or a model of another schema are clear errors. */
RISKGAN_API riskgan_status riskgan_augment(const riskgan_table *table, const riskgan_augment_options *options,
                                           riskgan_table **out);

/* Optimal binning for scorecards (docs/scorecard.md): every feature of a table cut into bins
 * against a binary target — numbers into at most max_bins ranges of at least min_bin_share of
 * the rows with the largest information value under a monotone event rate (or a peak or
 * valley where the data says so), found exactly by dynamic programming over pre-bins;
 * categories grouped by event rate the same way; missing values and special values in bins
 * of their own. Identifier and date columns are not binned. */
typedef enum {
    RISKGAN_TREND_AUTO = 0, RISKGAN_TREND_ASCENDING, RISKGAN_TREND_DESCENDING, RISKGAN_TREND_PEAK,
    RISKGAN_TREND_VALLEY
} riskgan_trend;

typedef struct {
    size_t max_bins;           /* regular bins per feature (10) */
    double min_bin_share;      /* least share of the rows in a regular bin (0.05) */
    size_t max_prebins;        /* pre-bins the exact search runs over (50) */
    const char *trends;        /* "auto" (default), one trend for every numeric feature
                                  ("ascending", "descending", "peak", "valley"), or a comma list
                                  of COLUMN=TREND with an optional plain default first */
    const double *specials;    /* numeric values with a bin of their own (e.g. -999) */
    size_t special_count;
    int threads;               /* 0 = leave the current setting */
} riskgan_binning_options;

typedef struct riskgan_binning riskgan_binning;

RISKGAN_API void riskgan_binning_options_init(riskgan_binning_options *options);
/* Bins every feature of `table` against `target` (`positive`: the event class, as for risk
 * models). A target with one class, or options out of range, are clear errors. */
RISKGAN_API riskgan_status riskgan_bin(const riskgan_table *table, const char *target, const char *positive,
                                       const riskgan_binning_options *options, riskgan_binning **out);
typedef struct {
    const char *name;          /* lives as long as the binning */
    riskgan_trend trend;       /* the event rate's shape kept (categories: ascending) */
    int categorical;
    size_t bins;               /* missing and special bins included */
    double iv, ks, gini;       /* information value; KS and Gini of the feature's WoE */
} riskgan_binned_feature;

RISKGAN_API size_t riskgan_binning_features(const riskgan_binning *binning);
/* Feature i (in table order) described in *out; RISKGAN_ERR_INVALID_ARGUMENT past the end. */
RISKGAN_API riskgan_status riskgan_binning_feature(const riskgan_binning *binning, size_t feature,
                                                   riskgan_binned_feature *out);
/* Writes "feature,bin,count,events,event_rate,woe,iv" (one row per bin) atomically. */
RISKGAN_API riskgan_status riskgan_binning_write_csv(const riskgan_binning *binning, const char *path);
RISKGAN_API void riskgan_binning_free(riskgan_binning *binning);

/* A scorecard (a risk model of algorithm RISKGAN_RISK_SCORECARD): features binned, kept when
 * their IV reaches min_iv, the weaker of each pair whose WoE correlate beyond max_correlation
 * dropped, a logistic regression on WoE refitted until every coefficient has WoE's sign, and
 * points: base_points at base_odds (non-events to events), pdo points to double the odds. */
typedef struct {
    riskgan_binning_options binning;
    double min_iv;             /* 0.02 */
    double max_correlation;    /* 0.7 */
    double base_points, base_odds, pdo; /* 600, 50, 20 */
    double regularization_c;   /* the logistic regression's liblinear C (1) */
    int stepwise;              /* 1: of the features kept by IV and correlation, forward
                                  selection by BIC (0: all of them) */
} riskgan_scorecard_options;

RISKGAN_API void riskgan_scorecard_options_init(riskgan_scorecard_options *options);

typedef struct riskgan_risk_model riskgan_risk_model;

/* Fits a probability-of-default model: XGBoost (200 trees, depth 4, learning rate 0.1) or
 * L2 logistic regression (liblinear, C = 1) on standardized numeric and one-hot categorical
 * features (identifier and date columns are not used). `positive` is the class whose probability is modelled (NULL: "1" if present,
 * else the rarer class). */
RISKGAN_API riskgan_status riskgan_risk_fit(const riskgan_table *table, const char *target, const char *positive,
                                            riskgan_risk_algorithm algorithm, uint64_t seed, int threads,
                                            riskgan_risk_model **out);
/* A scorecard (options NULL: the defaults); its threads are options->binning.threads. */
RISKGAN_API riskgan_status riskgan_risk_fit_scorecard(const riskgan_table *table, const char *target,
                                                      const char *positive, const riskgan_scorecard_options *options,
                                                      riskgan_risk_model **out);
/* Probability of the positive class for every row of `table` (which needs the training
 * columns, the target may be absent); `points` (may be NULL) receives the credit score
 * 600 + 20/ln 2 * ln(odds of the negative class): 20 points double the odds. */
RISKGAN_API riskgan_status riskgan_risk_score(const riskgan_risk_model *model, const riskgan_table *table,
                                              double *probability, double *points);
/* Scores every row and writes "row,probability,score" as CSV (atomically); a scorecard's score
 * is its points (base_points at base_odds), the others' 600 at even odds. */
RISKGAN_API riskgan_status riskgan_risk_write_scores(const riskgan_risk_model *model, const riskgan_table *table,
                                                     const char *path);
/* Scorecards: the card as an HTML page for a model-risk committee (atomically): ranking on the
 * labelled `table` (AUC, Gini, KS, Hosmer-Lemeshow), every feature's IV, each card feature's
 * bins with event rate, WoE and points, the score's distribution by class, the KS curve, a
 * calibration plot and the gains table. */
RISKGAN_API riskgan_status riskgan_risk_write_scorecard_html(const riskgan_risk_model *model,
                                                             const riskgan_table *table, const char *path);
/* Scorecards: as riskgan_risk_write_scores plus columns reason_1..reason_k, the features whose
 * bins lost the most points against the feature's best bin (adverse-action reasons; empty past
 * the features that lost any). */
RISKGAN_API riskgan_status riskgan_risk_write_scores_with_reasons(const riskgan_risk_model *model,
                                                                  const riskgan_table *table, size_t reasons,
                                                                  const char *path);
RISKGAN_API riskgan_status riskgan_risk_model_save(const riskgan_risk_model *model, const char *path);
/* Refuses a corrupt, truncated, foreign or newer file with the reason. An XGBoost model inside
 * is checked for a sound UBJSON structure, then read by XGBoost itself, which trusts the sizes
 * inside: load risk models from trusted places only (a forged file can make XGBoost ask for
 * absurd memory; it then fails the load). */
RISKGAN_API riskgan_status riskgan_risk_model_load(const char *path, riskgan_risk_model **out);
RISKGAN_API riskgan_status riskgan_risk_model_load_memory(const void *data, size_t length, riskgan_risk_model **out);
/* Reads a CSV to score with the column types the risk model was trained with (a code column
 * named with --discrete at fit time stays categorical without being named again). */
RISKGAN_API riskgan_status riskgan_risk_read_csv(const riskgan_risk_model *model, const char *path,
                                                 const riskgan_read_options *options, riskgan_table **out);
/* Scorecards: writes the card, one row per bin: feature,bin,count,events,event_rate,woe,iv,points
 * after a "(base points)" row. Logistic regression: the points per unit of each encoded
 * feature (feature,points_per_unit). XGBoost: an error. */
RISKGAN_API riskgan_status riskgan_risk_write_scorecard(const riskgan_risk_model *model, const char *path);
/* An empty table with the columns the risk model reads, their types and date formats. */
RISKGAN_API riskgan_status riskgan_risk_model_schema(const riskgan_risk_model *model, riskgan_table **out);
RISKGAN_API riskgan_risk_algorithm riskgan_risk_model_algorithm(const riskgan_risk_model *model);
/* As riskgan_risk_score; for a scorecard with k > 0, reasons (rows x k, may be NULL) receives
 * row by row the names of the k features whose bins lost the most points (NULL past the
 * features that lost any; the names live as long as the model). Other models: k must be 0. */
RISKGAN_API riskgan_status riskgan_risk_score_with_reasons(const riskgan_risk_model *model, const riskgan_table *table,
                                                           double *probability, double *points, size_t k,
                                                           const char **reasons);
/* The target column the model predicts, and its positive (event) class as written. */
RISKGAN_API const char *riskgan_risk_model_target(const riskgan_risk_model *model);
RISKGAN_API const char *riskgan_risk_model_positive(const riskgan_risk_model *model);
RISKGAN_API void riskgan_risk_model_free(riskgan_risk_model *model);

/* Validation of a risk model on a labelled table, as a model-risk team asks for it (on the
 * training, test and out-of-time rows in turn; docs/scorecard.md): ROC-AUC, Gini (2 AUC - 1),
 * KS, PR-AUC (average precision), Brier score, the Hosmer-Lemeshow statistic over ten groups
 * of predicted probability with its p-value (chi-square, 8 degrees of freedom), and a gains
 * table: ten bands of equal size from the riskiest score down, with events, event rate, the
 * share of all events caught so far and the lift over the overall rate. Rows without a
 * target are left out. */
typedef struct {
    double low_score, high_score;  /* the band's score range (the model's points) */
    size_t rows, events;
    double event_rate, cumulative_event_share, lift;
    double mean_probability;       /* the model's mean probability of the event in the band */
} riskgan_gains_band;

typedef struct {
    size_t rows, events;
    double auc, gini, ks, pr_auc, brier, hosmer_lemeshow, hosmer_lemeshow_p;
    riskgan_gains_band gains[10];
} riskgan_validation;

RISKGAN_API riskgan_status riskgan_risk_validate(const riskgan_risk_model *model, const riskgan_table *table,
                                                 riskgan_validation *out);
/* Validations of `count` data sets named names[i] ("train", "test", "oot") as one JSON
 * object keyed by name (atomically). */
RISKGAN_API riskgan_status riskgan_validation_write_json(const char *const *names, const riskgan_validation *validations,
                                                         size_t count, const char *path);
/* The same as an HTML page (atomically): the data sets side by side, then each one's
 * calibration plot and gains table. */
RISKGAN_API riskgan_status riskgan_validation_write_html(const char *const *names, const riskgan_validation *validations,
                                                         size_t count, const char *path);

/* Population stability once a model is live (docs/scorecard.md): the score's population
 * stability index (PSI) over ten bands cut at the baseline's score deciles, and for a
 * scorecard each card feature's characteristic stability (CSI, the same index over its bins).
 * PSI = sum over bands of (current share - baseline share) x ln(current / baseline), shares
 * floored at 0.0001. Read: below 0.10 stable, 0.10-0.25 watch, above 0.25 act. */
typedef struct {
    double low, high;              /* the band's scores: low < score <= high (infinite ends) */
    double baseline_share, current_share, psi;
} riskgan_stability_band;

typedef struct {
    double score_psi;
    riskgan_stability_band bands[10];
    size_t features;               /* scorecards: the card's features; else 0 */
    const char **feature;          /* names (they live as long as the model) */
    double *csi;
} riskgan_stability;

RISKGAN_API riskgan_status riskgan_risk_stability(const riskgan_risk_model *model, const riskgan_table *baseline,
                                                  const riskgan_table *current, riskgan_stability *out);
/* "stable", "watch" or "act" for an index. */
RISKGAN_API const char *riskgan_stability_light(double index);
/* The report as JSON (atomically): score_psi with its light and bands, features with CSI. */
RISKGAN_API riskgan_status riskgan_stability_write_json(const riskgan_stability *stability, const char *path);
/* The same as an HTML page (atomically): the score's PSI and bands with their shares, each
 * card feature's CSI, every index with its traffic light. */
RISKGAN_API riskgan_status riskgan_stability_write_html(const riskgan_stability *stability, const char *path);
RISKGAN_API void riskgan_stability_free(riskgan_stability *stability);

typedef struct {
    const char *target;
    const char *positive;
    const char *methods;       /* comma list of none, weight (class weights, no rows), random,
                                  smote, smotenc, adasyn, gan, gan-minority, gan-auto (the GAN
                                  with --ratio auto); default "none,weight,random,smotenc,gan" */
    const char *algorithms;    /* comma list of xgboost,logreg,scorecard (default "xgboost,logreg") */
    int folds, repeats;        /* repeated stratified k-fold (5 x 3) */
    double ratio;              /* augmentation ratio of the fixed-ratio methods (1.0) */
    int gan_epochs;            /* epochs of the GAN fitted in each fold (100) */
    double minority_share;     /* rare-event regime: the positive class is subsampled in each
                                  training part to this share of its rows (0 = as it is) */
    size_t train_rows;         /* scarce-data regime: each training part is subsampled,
                                  stratified, to this many rows (0 = all) */
    uint64_t seed;
    int threads;
    void (*progress)(const char *message, void *user);
    void *progress_user;
    /* Audit hook (may be NULL): called with every table handed to a generator or an
     * oversampler, beside the held-out part of its fold, so a caller can verify that no
     * held-out row is ever learned from. */
    void (*on_training_part)(const riskgan_table *training, const riskgan_table *held_out, void *user);
    void *on_training_part_user;
} riskgan_experiment_options;

typedef struct riskgan_experiment riskgan_experiment;

RISKGAN_API void riskgan_experiment_options_init(riskgan_experiment_options *options);
/* Runs the augmentation experiment: in every fold the generators and oversamplers see only
 * the training part (subsampled first in the rare-event and scarce-data regimes; the
 * held-out part never is); each method's augmented training set trains each risk model; the
 * held-out part measures ROC-AUC, PR-AUC, KS, Gini, recall at 1% / 5% FPR, F1 and Brier.
 * Paired differences against "none" come with the Nadeau-Bengio corrected resampled t-test
 * (mean, 95 % interval, p) and, as a secondary test, Wilcoxon signed-rank p-values. */
RISKGAN_API riskgan_status riskgan_experiment_run(const riskgan_table *table, const riskgan_experiment_options *options,
                                                  riskgan_experiment **out);
RISKGAN_API riskgan_status riskgan_experiment_write_json(const riskgan_experiment *experiment, const char *path);
RISKGAN_API riskgan_status riskgan_experiment_write_html(const riskgan_experiment *experiment, const char *path);
/* The study of several experiments run in a regime (--minority-share or --train-rows): one
 * HTML page with, per label (data set), regime kind and model family, a chart of the PR-AUC
 * difference against none by regime value, one line per method (filled dots: corrected
 * p < 0.05). paths[i] is an experiment's JSON, labels[i] its data set's name. */
RISKGAN_API riskgan_status riskgan_study_write_html(const char *const *paths, const char *const *labels, size_t count,
                                                    const char *path);
/* The summary table (mean +- sd per method and model, paired tests) as text; release with
 * riskgan_free. */
RISKGAN_API char *riskgan_experiment_summary(const riskgan_experiment *experiment);
RISKGAN_API void riskgan_experiment_free(riskgan_experiment *experiment);

/* ---------------------------------------------------------------- anomaly and fraud detection */

/* Detectors learn what ordinary rows look like, without labels, and score how far a row is
 * from it (higher = more anomalous). See docs/detect.md for the methods and measurements. */
typedef enum {
    RISKGAN_DETECT_GAN = 0,     /* GANomaly encoder-decoder-encoder with a critic; score = per-column
                                   reconstruction error relative to the training rows' */
    RISKGAN_DETECT_IFOREST = 1  /* Isolation Forest (Liu, Ting & Zhou 2008) */
} riskgan_detect_method;

typedef struct {
    riskgan_detect_method method;
    const char *exclude;   /* comma list of columns that are not features (ids, times) */
    const char *target;    /* an anomaly label column: never a feature (fit does not read it) */
    const char *labels;    /* few labels (GAN only): a column that is empty on most rows and holds
                              `positive` on the rows known to be anomalies; never a feature. The
                              detector's score then comes from a deviation network (docs/detect.md) */
    const char *positive;  /* the anomaly value of `labels` (default "1") */
    int trees;             /* Isolation Forest: trees (100) */
    size_t subsample;      /* Isolation Forest: rows per tree (256) */
    int epochs;            /* GAN: epochs (30) */
    int batch_size;        /* GAN: rows per step (256) */
    int hidden, latent;    /* GAN: hidden width (64) and latent width (16) */
    double trim;           /* GAN: share of each batch with the largest errors left out of training
                              after a warm-up, against contaminated data (0.05) */
    int latent_score;      /* GAN: 1 scores by the latent distance |z - z^|^2 instead */
    uint64_t seed;
    int threads;           /* 0 = leave the current setting */
    riskgan_progress_fn progress; /* GAN: called after every epoch (may be NULL) */
    void *progress_user;
    volatile int *stop;
} riskgan_detect_options;

RISKGAN_API void riskgan_detect_options_init(riskgan_detect_options *options);

typedef struct riskgan_detector riskgan_detector;

/* Fits a detector on every row of `table` (identifier columns, `exclude`, `target` and `labels`
 * are not features). Rows with missing values are kept; categories seen in fewer than 5 rows
 * are not stored (they score as unseen categories do). */
RISKGAN_API riskgan_status riskgan_detect_fit(const riskgan_table *table, const riskgan_detect_options *options,
                                              riskgan_detector **out);
RISKGAN_API riskgan_status riskgan_detector_save(const riskgan_detector *detector, const char *path);
/* Refuses (RISKGAN_ERR_FORMAT, with the reason) a file that is not a riskgan detector, is
 * truncated or corrupt (checksum), or is of a newer format version. */
RISKGAN_API riskgan_status riskgan_detector_load(const char *path, riskgan_detector **out);
RISKGAN_API riskgan_status riskgan_detector_load_memory(const void *data, size_t length, riskgan_detector **out);
RISKGAN_API void riskgan_detector_free(riskgan_detector *detector);

typedef struct {
    riskgan_detect_method method;
    size_t columns;             /* feature columns a row must give, in order */
    size_t training_rows, labelled_anomalies;
    int few_labels;             /* 1: scores come from the deviation network */
    int latent_score;
    uint64_t seed;
} riskgan_detector_info;
RISKGAN_API void riskgan_detector_get_info(const riskgan_detector *detector, riskgan_detector_info *info);
/* Name of feature column j, NULL past the end: riskgan_detect_score_row takes the fields in
 * this order. */
RISKGAN_API const char *riskgan_detector_column_name(const riskgan_detector *detector, size_t column);
/* The score above which a share `alert_rate` of the training rows lie (the training scores'
 * 1 - alert_rate quantile): a threshold that flags about that share of rows like them. */
RISKGAN_API double riskgan_detector_threshold(const riskgan_detector *detector, double alert_rate);
/* An empty table with the detector's feature columns, their types and date formats: what a
 * row to score must hold (riskgan_table_column_summary describes each). */
RISKGAN_API riskgan_status riskgan_detector_schema(const riskgan_detector *detector, riskgan_table **out);
/* Reads a CSV to score with the detector's column types (extra columns are kept). */
RISKGAN_API riskgan_status riskgan_detect_read_csv(const riskgan_detector *detector, const char *path,
                                                   const riskgan_read_options *options, riskgan_table **out);
/* Scores every row of `table` (it needs the feature columns, found by name). With explain > 0,
 * columns (rows x explain) receives for each row the indexes of the feature columns that
 * contributed most to its score, largest first, and shares (rows x explain, may be NULL) their
 * shares of the row's total contribution. Unseen categories and missing values are scored
 * (as rare), never rejected; scores are always finite. */
RISKGAN_API riskgan_status riskgan_detect_score_table(const riskgan_detector *detector, const riskgan_table *table,
                                                      double *scores, size_t explain, size_t *columns,
                                                      double *shares);
/* Scores the table and writes CSV "[keep,]row,score,flag[,reason_1..reason_k]" (atomically):
 * keep (may be NULL) is a column of the table copied first (a claim or transaction id, so that
 * alerts can be traced), flag is 1 when score > threshold, reason_i names the column of the
 * i-th largest contribution. */
RISKGAN_API riskgan_status riskgan_detect_write_scores(const riskgan_detector *detector, const riskgan_table *table,
                                                       double threshold, size_t explain, const char *keep,
                                                       const char *path);

/* Scoring one row at a time, inline in a service: create one scratch per thread, then call
 * riskgan_detect_score_row as often as needed. No allocation and no lock per call; concurrent
 * calls on one detector are safe when each thread has its own scratch. */
typedef struct riskgan_detect_scratch riskgan_detect_scratch;
RISKGAN_API riskgan_status riskgan_detect_scratch_new(const riskgan_detector *detector, riskgan_detect_scratch **out);
RISKGAN_API void riskgan_detect_scratch_free(riskgan_detect_scratch *scratch);
/* fields: `count` texts in the detector's column order (riskgan_detector_column_name); NULL, ""
 * or NA/NaN/null/? are missing values; numbers use '.' (or the training file's decimal mark),
 * dates the training file's format. A wrong count is RISKGAN_ERR_SCHEMA, a number that does
 * not parse RISKGAN_ERR_PARSE (naming the column). explain/columns/shares as in
 * riskgan_detect_score_table for this one row (explain 0: none). */
RISKGAN_API riskgan_status riskgan_detect_score_row(const riskgan_detector *detector, riskgan_detect_scratch *scratch,
                                                    const char *const *fields, size_t count, double *score,
                                                    size_t explain, size_t *columns, double *shares);

typedef struct riskgan_detect_evaluation riskgan_detect_evaluation;
typedef struct {
    size_t rows, anomalies;
    double roc_auc, pr_auc;
    double recall_at_precision[3];   /* at precision 0.5, 0.8, 0.9 (0 when never reached) */
    double precision_at_top[3], recall_at_top[3]; /* among the 0.1 %, 1 % and 5 % highest scores */
} riskgan_detect_evaluation_scores;
/* Scores a labelled table and measures how well the scores rank the rows whose `target` is
 * `positive` (NULL: "1"). */
RISKGAN_API riskgan_status riskgan_detect_evaluate(const riskgan_detector *detector, const riskgan_table *table,
                                                   const char *target, const char *positive,
                                                   riskgan_detect_evaluation **out);
/* The same measurements from scores and 0/1 labels given directly. */
RISKGAN_API riskgan_status riskgan_detect_evaluate_scores(const double *scores, const int *labels, size_t rows,
                                                          riskgan_detect_evaluation **out);
RISKGAN_API void riskgan_detect_evaluation_get_scores(const riskgan_detect_evaluation *evaluation,
                                                       riskgan_detect_evaluation_scores *summary);
/* JSON keys in docs/detect.md; the HTML page shows score histograms by class and the PR curve. */
RISKGAN_API riskgan_status riskgan_detect_evaluation_write_json(const riskgan_detect_evaluation *evaluation,
                                                                const char *path);
RISKGAN_API riskgan_status riskgan_detect_evaluation_write_html(const riskgan_detect_evaluation *evaluation,
                                                                const char *path);
RISKGAN_API void riskgan_detect_evaluation_free(riskgan_detect_evaluation *evaluation);

/* The detection experiment (docs/detect.md): per seed, a stratified split (or a given test
 * table: an out-of-time test), detectors fitted on the training part without its labels, and
 * for each label fraction f a random f of the training anomalies labelled for the few-label
 * GAN and for XGBoost trained on the same labels (labelled anomalies 1, every other row 0);
 * all scored on the test part. */
typedef struct {
    const char *target;        /* required: the anomaly label column */
    const char *positive;      /* its anomaly value (default "1") */
    const char *methods;       /* comma list of iforest, gan (default both) */
    const char *label_fractions; /* comma list of shares of training anomalies labelled
                                    ("0.01,0.05,0.1"; "" = none) */
    int seeds;                 /* repetitions (3) */
    double test_size;          /* share of each class held out (0.3) */
    double anomaly_share;      /* > 0: before splitting, anomalies are thinned at random (per
                                  seed) to this share of the rows; all ordinary rows kept */
    const riskgan_table *test; /* a fixed test table (no split, no thinning) */
    riskgan_detect_options detector; /* settings of the detectors (method is set per run) */
    void (*progress)(const char *message, void *user);
    void *progress_user;
} riskgan_detect_experiment_options;

typedef struct riskgan_detect_experiment riskgan_detect_experiment;
RISKGAN_API void riskgan_detect_experiment_options_init(riskgan_detect_experiment_options *options);
RISKGAN_API riskgan_status riskgan_detect_experiment_run(const riskgan_table *table,
                                                         const riskgan_detect_experiment_options *options,
                                                         riskgan_detect_experiment **out);
RISKGAN_API riskgan_status riskgan_detect_experiment_write_json(const riskgan_detect_experiment *experiment,
                                                                const char *path);
/* The results as a text table (mean +- sd over seeds); release with riskgan_free. */
RISKGAN_API char *riskgan_detect_experiment_summary(const riskgan_detect_experiment *experiment);
RISKGAN_API void riskgan_detect_experiment_free(riskgan_detect_experiment *experiment);

/* ---------------------------------------------------------------- market scenarios */

/* Multi-asset daily return paths for VaR/ES and portfolio decisions (docs/market.md): a GAN
 * of all assets' joint daily innovations, rolled forward one day at a time through a
 * GJR-GARCH variance filter per asset (conditioned on the recent history through it), and the
 * baselines a market-risk team would use instead: GARCH(1,1)-t per asset with constant
 * conditional correlation, the stationary block bootstrap, historical simulation.
 *
 *     riskgan_market_data *d;  riskgan_market_model *m;
 *     riskgan_market_data_read("prices.csv", NULL, &d);
 *     riskgan_market_fit_options fo; riskgan_market_fit_options_init(&fo);
 *     riskgan_market_data_split(d, "1997-12-31", &fo.train_days);
 *     riskgan_market_fit(d, &fo, &m);
 *     riskgan_market_sample_options so; riskgan_market_sample_options_init(&so);
 *     so.paths = 10000; so.days = 250; so.from_history = 1;
 *     riskgan_market_sample_to_csv(m, &so, "paths.csv");
 */

typedef enum {
    RISKGAN_MARKET_GAN = 0,
    RISKGAN_MARKET_GARCH = 1,      /* GARCH(1,1), Student-t innovations, CCC */
    RISKGAN_MARKET_BOOTSTRAP = 2,  /* stationary block bootstrap (Politis & Romano) */
    RISKGAN_MARKET_HISTORICAL = 3  /* historical simulation (backtests only) */
} riskgan_market_method;

/* A price history: one column per asset, an optional date column. */
typedef struct riskgan_market_data riskgan_market_data;
typedef struct {
    const char *date_column; /* NULL: a first column named date/time/t/day (any case) or
                                holding text is the date column; else there is none */
    const char *assets;      /* comma list of asset columns (NULL: all the others) */
    int returns;             /* 1: the file holds daily log returns, not prices */
} riskgan_market_read_options;
RISKGAN_API void riskgan_market_read_options_init(riskgan_market_read_options *options);
/* Reads prices and makes daily log returns. A missing price (empty, NA, NaN, null, ?, #N/A)
 * is never filled in: the returns into and out of that day are left out for every asset
 * (riskgan_market_data_message says how many). Non-numbers and non-positive prices are
 * errors naming file, line and column. */
RISKGAN_API riskgan_status riskgan_market_data_read(const char *path, const riskgan_market_read_options *options,
                                                    riskgan_market_data **out);
/* The same from CSV text in memory (`length` bytes); `name` names it in messages. */
RISKGAN_API riskgan_status riskgan_market_data_read_text(const char *text, size_t length, const char *name,
                                                         const riskgan_market_read_options *options,
                                                         riskgan_market_data **out);
RISKGAN_API void riskgan_market_data_free(riskgan_market_data *data);
RISKGAN_API size_t riskgan_market_data_assets(const riskgan_market_data *data);
RISKGAN_API const char *riskgan_market_data_asset_name(const riskgan_market_data *data, size_t asset);
/* Days with a complete return (the first price row has none). */
RISKGAN_API size_t riskgan_market_data_return_days(const riskgan_market_data *data);
/* Name of the date column used (NULL: none), and whether it was recognized rather than named. */
RISKGAN_API const char *riskgan_market_data_date_column(const riskgan_market_data *data, int *detected);
/* What was left out for missing prices ("" when nothing was). */
RISKGAN_API const char *riskgan_market_data_message(const riskgan_market_data *data);
/* Return days up to and including `until`: a date as written in the file (ISO dates also
 * match the last earlier day) or a count of price rows. */
RISKGAN_API riskgan_status riskgan_market_data_split(const riskgan_market_data *data, const char *until,
                                                     size_t *train_return_days);

typedef struct riskgan_market_model riskgan_market_model;
typedef struct {
    riskgan_market_method method;  /* GAN (default), GARCH or BOOTSTRAP */
    size_t train_days;             /* return days learned (0: all) */
    uint64_t seed;
    int epochs;                    /* GAN: passes over the days (0: 1000) */
    int hidden;                    /* GAN: hidden width (0: from the number of assets) */
    double mean_block;             /* bootstrap: mean block length in days (0: 20) */
    riskgan_progress_fn progress;  /* GAN: called after every epoch */
    void *progress_user;
    volatile int *stop;
} riskgan_market_fit_options;
RISKGAN_API void riskgan_market_fit_options_init(riskgan_market_fit_options *options);
RISKGAN_API riskgan_status riskgan_market_fit(const riskgan_market_data *data, const riskgan_market_fit_options *options,
                                              riskgan_market_model **out);
/* .rmkt files: magic, version, checksum; corrupt, truncated, foreign or newer files are
 * refused with the reason. The model holds the learned return days (the bootstrap and the
 * starting states need them) and the last prices. */
RISKGAN_API riskgan_status riskgan_market_model_save(const riskgan_market_model *model, const char *path);
RISKGAN_API riskgan_status riskgan_market_model_load(const char *path, riskgan_market_model **out);
RISKGAN_API riskgan_status riskgan_market_model_load_memory(const void *data, size_t length,
                                                            riskgan_market_model **out);
RISKGAN_API void riskgan_market_model_free(riskgan_market_model *model);
typedef struct {
    riskgan_market_method method;
    size_t assets, train_days;
    uint64_t seed;
    const char *last_date;        /* date of the last learned day (NULL: no date column) */
} riskgan_market_model_info;
RISKGAN_API void riskgan_market_model_get_info(const riskgan_market_model *model, riskgan_market_model_info *info);
RISKGAN_API const char *riskgan_market_model_asset_name(const riskgan_market_model *model, size_t asset);

typedef struct {
    size_t paths, days;
    int from_history;  /* 1: every path starts from the state after the last learned day
                          (GAN, GARCH); 0: each path from the state of a random learned day */
    int returns;       /* CSV: write daily log returns (days 1..days) instead of prices */
    uint64_t seed;
} riskgan_market_sample_options;
RISKGAN_API void riskgan_market_sample_options_init(riskgan_market_sample_options *options);
/* returns: paths x days x assets log returns (caller's buffer). */
RISKGAN_API riskgan_status riskgan_market_sample(const riskgan_market_model *model,
                                                 const riskgan_market_sample_options *options, double *returns);
/* prices: paths x (days + 1) x assets, day 0 the last learned prices: the prices
 * riskgan_market_sample_to_csv writes (rounded to each asset's input decimals, never below one
 * unit of the last decimal), as numbers. */
RISKGAN_API riskgan_status riskgan_market_sample_prices(const riskgan_market_model *model,
                                                        const riskgan_market_sample_options *options, double *prices);
/* Streams the paths to CSV "path,day,<asset>...": prices from the last learned prices (day 0)
 * with each asset's input decimals (never below one unit of the last decimal), or returns.
 * Memory does not grow with the number of paths. */
RISKGAN_API riskgan_status riskgan_market_sample_to_csv(const riskgan_market_model *model,
                                                     const riskgan_market_sample_options *options, const char *path);

/* Stylized facts of generated paths against real history (definitions: docs/market.md). */
typedef struct riskgan_market_report riskgan_market_report;
typedef struct {
    size_t first_day, last_day;  /* real return days used: [first, last) (0, 0: all) */
    int max_lag;                 /* ACF lags (100) */
    uint64_t seed;               /* bootstrap ranges of the real statistics */
} riskgan_market_evaluate_options;
RISKGAN_API void riskgan_market_evaluate_options_init(riskgan_market_evaluate_options *options);
/* Reads a paths CSV written by riskgan_market_sample_to_csv (prices or returns). */
RISKGAN_API riskgan_status riskgan_market_paths_read(const char *path, riskgan_market_data **out);
RISKGAN_API size_t riskgan_market_data_paths(const riskgan_market_data *data);
RISKGAN_API riskgan_status riskgan_market_evaluate(const riskgan_market_data *real, const riskgan_market_data *synthetic,
                                                   const riskgan_market_evaluate_options *options,
                                                   riskgan_market_report **out);
/* JSON keys: docs/market.md. The HTML page: fan chart, histograms, QQ plots, ACF curves,
 * correlation heatmaps. */
RISKGAN_API riskgan_status riskgan_market_report_write_json(const riskgan_market_report *report, const char *path);
RISKGAN_API riskgan_status riskgan_market_report_write_html(const riskgan_market_report *report, const char *path);
/* A short text summary per asset; release with riskgan_free. */
RISKGAN_API char *riskgan_market_report_summary(const riskgan_market_report *report);
RISKGAN_API void riskgan_market_report_free(riskgan_market_report *report);

/* Rolling one-day-ahead VaR / ES of a portfolio on the days after the training part: each
 * day's forecast uses only earlier days (the model is fitted on the training part, and again
 * every `refit` days if set). */
typedef struct {
    riskgan_market_method method;
    size_t train_days;
    const char *weights;       /* "DAX=0.4,SMI=0.6" (NULL: equal weights) */
    const char *levels;        /* comma list (default "0.99,0.975") */
    size_t scenarios;          /* per day (2000) */
    size_t window;             /* historical simulation window (500 days) */
    size_t refit;              /* 0: the model is fitted once, on the training days; N: fitted
                                  again on every earlier day each N test days */
    riskgan_market_fit_options fit;
    uint64_t seed;
    void (*progress)(const char *message, void *user);
    void *progress_user;
} riskgan_market_backtest_options;
typedef struct riskgan_market_backtest riskgan_market_backtest;
RISKGAN_API void riskgan_market_backtest_options_init(riskgan_market_backtest_options *options);
RISKGAN_API riskgan_status riskgan_market_backtest_run(const riskgan_market_data *data,
                                                       const riskgan_market_backtest_options *options,
                                                       riskgan_market_backtest **out);
/* Kupiec, Christoffersen, Basel traffic light, Acerbi-Szekely Z2 (keys: docs/market.md). */
RISKGAN_API riskgan_status riskgan_market_backtest_write_json(const riskgan_market_backtest *backtest, const char *path);
RISKGAN_API riskgan_status riskgan_market_backtest_write_html(const riskgan_market_backtest *backtest, const char *path);
/* The backtest per level as a text table; release with riskgan_free. */
RISKGAN_API char *riskgan_market_backtest_summary(const riskgan_market_backtest *backtest);
RISKGAN_API void riskgan_market_backtest_free(riskgan_market_backtest *backtest);

/* Portfolio VaR and ES at 95, 97.5 and 99 % from scenario paths, per horizon, with 90 %
 * confidence intervals from the number of scenarios. */
typedef struct riskgan_market_risk riskgan_market_risk;
RISKGAN_API riskgan_status riskgan_market_risk_compute(const riskgan_market_data *paths, const char *weights,
                                                       const char *horizons, uint64_t seed, riskgan_market_risk **out);
RISKGAN_API riskgan_status riskgan_market_risk_write_json(const riskgan_market_risk *risk, const char *path);
/* VaR and ES per horizon and level as a text table; release with riskgan_free. */
RISKGAN_API char *riskgan_market_risk_summary(const riskgan_market_risk *risk);
RISKGAN_API void riskgan_market_risk_free(riskgan_market_risk *risk);

/* ---------------------------------------------------------------- serving (docs/serve.md)
 * An HTTP/1.1 scoring and sampling service (libmicrohttpd) over detectors, risk models and
 * synthesizers: POST /v1/models/{name}/score and /sample, GET /v1/models, /healthz, /readyz,
 * /metrics, POST /v1/admin/reload. */
typedef struct {
    const char *listen;               /* "HOST:PORT" ("127.0.0.1:8080"; port 0: any free port) */
    const char *const *names;         /* `models` model names (letters, digits, '-', '_', '.') */
    const char *const *paths;         /* and their files (.rdet, risk model, .rgan), by kind */
    size_t models;
    int threads;                      /* request threads (0: 2) */
    const char *token;                /* bearer token required on every endpoint but /healthz and
                                         /readyz (NULL: none); compared in constant time */
    const char *tls_certificate, *tls_key; /* PEM files: HTTPS (NULL: plain HTTP) */
    size_t max_body_bytes;            /* larger request bodies get 413 (1 MiB) */
    size_t max_batch_records;         /* more records in one request get 413 (10,000) */
    size_t max_sample_rows;           /* n beyond it gets 400 (1,000,000) */
    unsigned max_connections;         /* further connections are refused (1,000) */
    unsigned timeout_seconds;         /* a connection idle or stalled this long is closed (10) */
    double alert_rate;                /* detectors flag the share of training rows above (0.01) */
    size_t reasons;                   /* reasons per record: detectors' columns, scorecards' (3) */
    const char *id_field;             /* passed through from each record to its result ("id") */
    const char *access_log;           /* JSON line per request: a file (appended), "-": standard
                                         error, NULL: none */
    volatile int *stop;               /* raised: stop accepting, finish what runs, return */
    volatile int *reload;             /* raised: reload every model (lowered when done) */
    /* Called with what the service does (listening, reloads, refused reloads, draining). */
    void (*on_event)(const char *message, void *user);
    void *user;
} riskgan_serve_options;

RISKGAN_API void riskgan_serve_options_init(riskgan_serve_options *options);
/* Loads the models, serves until *options->stop is raised, then drains and returns
 * RISKGAN_OK. A model that does not load, an address that cannot be bound or a TLS key that
 * does not read is an error before anything is served. */
RISKGAN_API riskgan_status riskgan_serve(const riskgan_serve_options *options);

#ifdef __cplusplus
}
#endif

#endif /* RISKGAN_H */
