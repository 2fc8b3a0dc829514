/* event_period.c — learning a period of anniversaries from the data, finding the next, and the
 * same day a month later. */
#include "event_period.h"

#include <math.h>

#include "../data/datetime.h"

enum { SHORTEST = 7, LONGEST = 35 };

static int whole_days(double x)
{
    return isfinite(x) && x > 0 && fabs(x - nearbyint(x)) < 1e-6;
}

double rg_event_period_choose(const double *after, size_t n)
{
    size_t on[LONGEST + 1] = {0}, counted = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(after[i] > 0))
            continue;
        counted++;
        if (!whole_days(after[i]))
            continue;
        long days = (long)nearbyint(after[i]);
        for (int p = SHORTEST; p <= LONGEST; p++)
            on[p] += days % p == 0;
    }
    double best = 0, best_lift = 3;
    for (int p = SHORTEST; counted > 0 && p <= LONGEST; p++) {
        double share = (double)on[p] / (double)counted, lift = share * p;
        if (share >= 0.05 && lift > best_lift)
            best = p, best_lift = lift;
    }
    return best;
}

double rg_event_next_anniversary(double since, double period)
{
    return (floor(since / period + 1e-9) + 1) * period;
}

int rg_event_on_anniversary(double since, double after, double period)
{
    return period > 0 && fabs(after - rg_event_next_anniversary(since, period)) < 1e-6;
}

double rg_event_month_after(double date)
{
    long long year;
    int month, day, days, first, next_days;
    rg_datetime_calendar(date, &year, &month, &day, &days);
    double first_of_next = date + (days - day + 1) * RG_SECONDS_PER_DAY;
    rg_datetime_calendar(first_of_next, &year, &month, &first, &next_days);
    int target = day < next_days ? day : next_days;
    return first_of_next + (target - 1) * RG_SECONDS_PER_DAY;
}

int rg_event_on_month_end(double date)
{
    long long year;
    int month, day, days;
    rg_datetime_calendar(date, &year, &month, &day, &days);
    return day == days;
}

double rg_event_month_end_after(double from)
{
    long long year;
    int month, day, days;
    rg_datetime_calendar(from, &year, &month, &day, &days);
    if (day < days)
        return from + (days - day) * RG_SECONDS_PER_DAY;
    rg_datetime_calendar(from + RG_SECONDS_PER_DAY, &year, &month, &day, &days);
    return from + days * RG_SECONDS_PER_DAY;
}
