using System.Text.RegularExpressions;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Exchange;

/// <summary>What both exchange formats are asked: a calendar year and a unit by its official code.</summary>
public sealed partial class ExchangeQuery
{
    /// <summary>The calendar year, e.g. 2026; this year when empty.</summary>
    [FromQuery(Name = "period")] public string? Period { get; set; }

    /// <summary>
    /// Official code of the unit: 2 digits for a province (its values, and each commune's totals), 5 for a
    /// commune or ward; the caller's own unit when empty.
    /// </summary>
    [FromQuery(Name = "unit")] public string? Unit { get; set; }

    /// <summary>The values asked for, read by the Indicators area; a bad period or unit is refused naming the parameter.</summary>
    public async Task<ExchangeValues> ReadAsync(IndicatorExchange exchange, CancellationToken cancellationToken)
    {
        var year = exchange.Today.Year;
        if (!string.IsNullOrWhiteSpace(Period) && !(int.TryParse(Period.Trim(), out year) && Period.Trim().Length == 4 && year is >= 2015 and <= 2100))
            throw new ValidationFailedException("period", $"Kỳ (period) \"{Period}\" không hợp lệ: ghi năm gồm 4 chữ số, ví dụ {exchange.Today.Year}.");
        if (!string.IsNullOrWhiteSpace(Unit) && !Code().IsMatch(Unit.Trim()))
            throw new ValidationFailedException("unit",
                $"Mã đơn vị (unit) \"{Unit}\" không hợp lệ: ghi mã đơn vị hành chính, 2 chữ số cho tỉnh (ví dụ 12) hoặc 5 chữ số cho xã, phường.");
        return await exchange.ValuesAsync(Unit, year, cancellationToken);
    }

    [GeneratedRegex("^[0-9A-Za-z]{1,12}$")]
    private static partial Regex Code();
}
