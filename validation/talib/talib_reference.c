/* Reads an OHLCV CSV (a header naming date, open, high, low, close and volume columns in any order, such as Yahoo's
 * Date,Open,High,Low,Close,Adj Close,Volume) and writes TA-Lib's outputs for a fixed list of indicators as CSV:
 * a date column, then one column per output named like Trading.Indicators.IndicatorSpec names it (quoted when
 * the name holds a comma). Values are
 * printed with %.17g (round-trip); a cell is empty before TA-Lib's first output.
 *
 * Usage: talib_reference input.csv > output.csv
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ta_libc.h"

#define MAX_COLUMNS 64

typedef struct
{
    const char *name;
    double *values; /* NaN where TA-Lib gave no output */
} Column;

static Column columns[MAX_COLUMNS];
static int column_count = 0;
static int n = 0;

static double *new_series(void)
{
    double *values = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
        values[i] = NAN;
    return values;
}

static void fail(const char *what, TA_RetCode code)
{
    fprintf(stderr, "talib_reference: %s failed with TA-Lib code %d\n", what, (int)code);
    exit(2);
}

/* TA-Lib writes outputs from index 0 of the output buffer; shift them to the bar they belong to. */
static double *aligned(const double *raw, int begin, int count)
{
    double *values = new_series();
    for (int i = 0; i < count; i++)
        values[begin + i] = raw[i];
    return values;
}

static void add(const char *name, double *values)
{
    if (column_count == MAX_COLUMNS)
    {
        fprintf(stderr, "talib_reference: too many columns\n");
        exit(2);
    }
    columns[column_count].name = name;
    columns[column_count].values = values;
    column_count++;
}

#define CALL(what, call)                  \
    do                                    \
    {                                     \
        TA_RetCode code_ = (call);        \
        if (code_ != TA_SUCCESS)          \
            fail(what, code_);            \
    } while (0)

static int find_column(char **names, int count, const char *wanted)
{
    for (int i = 0; i < count; i++)
        if (strcasecmp(names[i], wanted) == 0)
            return i;
    fprintf(stderr, "talib_reference: the input has no '%s' column\n", wanted);
    exit(2);
}

static int split(char *line, char **fields, int max)
{
    int count = 0;
    char *cursor = line;
    while (count < max)
    {
        fields[count++] = cursor;
        char *comma = strchr(cursor, ',');
        if (comma == NULL)
            break;
        *comma = '\0';
        cursor = comma + 1;
    }
    return count;
}

static void chomp(char *line)
{
    size_t length = strlen(line);
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
        line[--length] = '\0';
}

int main(int argc, char **argv)
{
    if (argc != 2)
    {
        fprintf(stderr, "usage: talib_reference input.csv > output.csv\n");
        return 1;
    }
    FILE *input = fopen(argv[1], "r");
    if (input == NULL)
    {
        perror(argv[1]);
        return 1;
    }

    char line[4096];
    char *fields[32];
    if (fgets(line, sizeof line, input) == NULL)
        return 1;
    chomp(line);
    int header_count = split(line, fields, 32);
    char *header[32];
    for (int i = 0; i < header_count; i++)
        header[i] = strdup(fields[i]);
    int date_col = find_column(header, header_count, "date");
    int open_col = find_column(header, header_count, "open");
    int high_col = find_column(header, header_count, "high");
    int low_col = find_column(header, header_count, "low");
    int close_col = find_column(header, header_count, "close");
    int volume_col = find_column(header, header_count, "volume");

    int capacity = 1024;
    char **dates = malloc(sizeof(char *) * (size_t)capacity);
    double *open = malloc(sizeof(double) * (size_t)capacity);
    double *high = malloc(sizeof(double) * (size_t)capacity);
    double *low = malloc(sizeof(double) * (size_t)capacity);
    double *close = malloc(sizeof(double) * (size_t)capacity);
    double *volume = malloc(sizeof(double) * (size_t)capacity);
    while (fgets(line, sizeof line, input) != NULL)
    {
        chomp(line);
        if (line[0] == '\0')
            continue;
        if (split(line, fields, 32) != header_count)
        {
            fprintf(stderr, "talib_reference: row %d has the wrong number of fields\n", n + 2);
            return 2;
        }
        if (n == capacity)
        {
            capacity *= 2;
            dates = realloc(dates, sizeof(char *) * (size_t)capacity);
            open = realloc(open, sizeof(double) * (size_t)capacity);
            high = realloc(high, sizeof(double) * (size_t)capacity);
            low = realloc(low, sizeof(double) * (size_t)capacity);
            close = realloc(close, sizeof(double) * (size_t)capacity);
            volume = realloc(volume, sizeof(double) * (size_t)capacity);
        }
        dates[n] = strdup(fields[date_col]);
        open[n] = strtod(fields[open_col], NULL);
        high[n] = strtod(fields[high_col], NULL);
        low[n] = strtod(fields[low_col], NULL);
        close[n] = strtod(fields[close_col], NULL);
        volume[n] = strtod(fields[volume_col], NULL);
        n++;
    }
    fclose(input);
    (void)open;

    CALL("TA_Initialize", TA_Initialize());
    /* TA_Initialize leaves the compatibility at TA_COMPATIBILITY_DEFAULT and every unstable period at 0: the
     * settings a user of TA-Lib gets without asking, and the ones Trading.Indicators follows. */

    int begin, count;
    double *a = new_series(), *b = new_series(), *c = new_series();
    int last = n - 1;

#define SINGLE(name, call)                        \
    do                                            \
    {                                             \
        CALL(name, call);                         \
        add(name, aligned(a, begin, count));      \
    } while (0)

    SINGLE("sma(20)", TA_SMA(0, last, close, 20, &begin, &count, a));
    SINGLE("ema(20)", TA_EMA(0, last, close, 20, &begin, &count, a));
    SINGLE("wma(20)", TA_WMA(0, last, close, 20, &begin, &count, a));
    SINGLE("rsi(14)", TA_RSI(0, last, close, 14, &begin, &count, a));

    CALL("macd", TA_MACD(0, last, close, 12, 26, 9, &begin, &count, a, b, c));
    add("macd(12,26,9).macd", aligned(a, begin, count));
    add("macd(12,26,9).signal", aligned(b, begin, count));
    add("macd(12,26,9).hist", aligned(c, begin, count));

    CALL("bbands", TA_BBANDS(0, last, close, 20, 2.0, 2.0, TA_MAType_SMA, &begin, &count, a, b, c));
    add("bbands(20,2).upper", aligned(a, begin, count));
    add("bbands(20,2).middle", aligned(b, begin, count));
    add("bbands(20,2).lower", aligned(c, begin, count));

    SINGLE("atr(14)", TA_ATR(0, last, high, low, close, 14, &begin, &count, a));
    SINGLE("natr(14)", TA_NATR(0, last, high, low, close, 14, &begin, &count, a));
    SINGLE("trange", TA_TRANGE(0, last, high, low, close, &begin, &count, a));
    SINGLE("adx(14)", TA_ADX(0, last, high, low, close, 14, &begin, &count, a));
    SINGLE("plus_di(14)", TA_PLUS_DI(0, last, high, low, close, 14, &begin, &count, a));
    SINGLE("minus_di(14)", TA_MINUS_DI(0, last, high, low, close, 14, &begin, &count, a));

    CALL("stoch", TA_STOCH(0, last, high, low, close, 14, 3, TA_MAType_SMA, 3, TA_MAType_SMA, &begin, &count, a, b));
    add("stoch(14,3,3).k", aligned(a, begin, count));
    add("stoch(14,3,3).d", aligned(b, begin, count));

    SINGLE("willr(14)", TA_WILLR(0, last, high, low, close, 14, &begin, &count, a));
    SINGLE("cci(20)", TA_CCI(0, last, high, low, close, 20, &begin, &count, a));
    SINGLE("mfi(14)", TA_MFI(0, last, high, low, close, volume, 14, &begin, &count, a));
    SINGLE("obv", TA_OBV(0, last, close, volume, &begin, &count, a));
    SINGLE("roc(10)", TA_ROC(0, last, close, 10, &begin, &count, a));
    SINGLE("mom(10)", TA_MOM(0, last, close, 10, &begin, &count, a));
    SINGLE("stddev(20,1)", TA_STDDEV(0, last, close, 20, 1.0, &begin, &count, a));
    SINGLE("stddev(10,2)", TA_STDDEV(0, last, close, 10, 2.0, &begin, &count, a));

    /* R² of the least-squares line = CORREL(time, value)². CORREL is shift-invariant, so the bar index serves as
     * time. Both the plain and the ln(close) fits are checked. */
    double *time = malloc(sizeof(double) * (size_t)n);
    double *log_close = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++)
    {
        time[i] = i;
        log_close[i] = log(close[i]);
    }
    const struct
    {
        const char *slope;
        const char *r2;
        int period;
        const double *series;
    } fits[] = {
        {"linreg_slope(20)", "linreg_r2(20)", 20, NULL},
        {"linreg_slope(90,log)", "linreg_r2(90,log)", 90, NULL},
    };
    for (int f = 0; f < 2; f++)
    {
        const double *series = f == 0 ? close : log_close;
        SINGLE(fits[f].slope, TA_LINEARREG_SLOPE(0, last, series, fits[f].period, &begin, &count, a));
        CALL("correl", TA_CORREL(0, last, time, series, fits[f].period, &begin, &count, a));
        for (int i = 0; i < count; i++)
            a[i] = a[i] * a[i];
        add(fits[f].r2, aligned(a, begin, count));
    }

    /* Donchian channel = MAX(high), MIN(low) and MIDPRICE over the period. */
    SINGLE("donchian(20).upper", TA_MAX(0, last, high, 20, &begin, &count, a));
    SINGLE("donchian(20).middle", TA_MIDPRICE(0, last, high, low, 20, &begin, &count, a));
    SINGLE("donchian(20).lower", TA_MIN(0, last, low, 20, &begin, &count, a));

    /* Keltner channel = EMA(20) of the close ± 2 × ATR(10). */
    {
        int ema_begin, ema_count, atr_begin, atr_count;
        CALL("keltner ema", TA_EMA(0, last, close, 20, &ema_begin, &ema_count, a));
        CALL("keltner atr", TA_ATR(0, last, high, low, close, 10, &atr_begin, &atr_count, b));
        double *ema = aligned(a, ema_begin, ema_count);
        double *atr = aligned(b, atr_begin, atr_count);
        double *upper = new_series(), *lower = new_series();
        for (int i = 0; i < n; i++)
        {
            if (isnan(ema[i]) || isnan(atr[i]))
            {
                ema[i] = NAN;
                continue;
            }
            upper[i] = ema[i] + 2.0 * atr[i];
            lower[i] = ema[i] - 2.0 * atr[i];
        }
        add("keltner(20,2,10).upper", upper);
        add("keltner(20,2,10).middle", ema);
        add("keltner(20,2,10).lower", lower);
    }

    TA_Shutdown();

    fputs("date", stdout);
    /* Names such as macd(12,26,9).macd hold commas, so they are quoted as RFC 4180 asks. */
    for (int k = 0; k < column_count; k++)
        printf(strchr(columns[k].name, ',') != NULL ? ",\"%s\"" : ",%s", columns[k].name);
    fputc('\n', stdout);
    for (int i = 0; i < n; i++)
    {
        fputs(dates[i], stdout);
        for (int k = 0; k < column_count; k++)
        {
            double value = columns[k].values[i];
            if (isnan(value))
                fputc(',', stdout);
            else
                printf(",%.17g", value);
        }
        fputc('\n', stdout);
    }
    return 0;
}
