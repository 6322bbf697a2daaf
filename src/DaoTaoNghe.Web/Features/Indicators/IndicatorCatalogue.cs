using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>What kind of number an indicator is: how it is shown, summed and compared with a target.</summary>
[AreaContract]
public enum IndicatorMeasure
{
    [Display(Name = "Số lượng")] Count = 1,
    [Display(Name = "Số tiền")] Money = 2,
    [Display(Name = "Tỷ lệ")] Percent = 3,
}

/// <summary>How an indicator gets its value.</summary>
[AreaContract]
public enum IndicatorKind
{
    [Display(Name = "Tính từ hồ sơ")] Computed = 1,
    [Display(Name = "Số liệu tổng hợp nhập tay")] Element = 2,
    [Display(Name = "Tỷ lệ của hai chỉ số")] Ratio = 3,
}

public enum IndicatorArea
{
    [Display(Name = "Đào tạo nghề")] Training = 1,
    [Display(Name = "Việc làm sau đào tạo")] Employment = 2,
    [Display(Name = "Giải quyết việc làm, thị trường lao động")] Jobs = 3,
    [Display(Name = "Tuyên truyền, tư vấn học nghề")] Outreach = 4,
    [Display(Name = "Người học")] Learners = 5,
    [Display(Name = "Chương trình, liên kết doanh nghiệp")] Programmes = 6,
    [Display(Name = "Phân luồng học sinh vào giáo dục nghề nghiệp")] Education = 7,
    [Display(Name = "Lao động, thất nghiệp")] Labour = 8,
    [Display(Name = "Kinh phí hỗ trợ")] Funding = 9,
    [Display(Name = "Báo cáo định kỳ")] Reporting = 10,
}

/// <summary>What one unit of an indicator's value is: whom or what it counts, or what it adds up.</summary>
[AreaContract]
public enum CountedItem
{
    [Display(Name = "Người")] Person = 1,
    [Display(Name = "Lượt hoàn thành khóa học")] Completion = 2,
    [Display(Name = "Việc làm (lượt tuyển)")] Job = 3,
    [Display(Name = "Phiên giao dịch việc làm")] Session = 4,
    [Display(Name = "Lượt doanh nghiệp")] Enterprise = 5,
    [Display(Name = "Bản ghi")] Record = 6,
    [Display(Name = "Số tiền")] Amount = 7,
    [Display(Name = "Lượt người tham dự")] Attendance = 8,
    [Display(Name = "Số liệu tổng hợp nhập tay")] Figure = 9,
}

/// <summary>The kinds of unit a dashboard, a target or an aggregate value can be about.</summary>
[AreaContract]
public enum UnitKind
{
    [Display(Name = "Tỉnh")] Province = 1,
    [Display(Name = "Huyện (trước 2025)")] District = 2,
    [Display(Name = "Xã, phường")] Commune = 3,
    [Display(Name = "Cơ sở đào tạo, đơn vị")] Institution = 4,
}

/// <summary>Ways a value can be broken down. Commune and district are the map's; the others come from the records.</summary>
[AreaContract]
public enum Dimension
{
    [Display(Name = "Xã, phường")] Commune = 1,
    [Display(Name = "Huyện (bản đồ trước 01/7/2025)")] District = 2,
    [Display(Name = "Giới tính")] Sex = 3,
    [Display(Name = "Kinh / dân tộc thiểu số")] Minority = 4,
    [Display(Name = "Dân tộc")] EthnicGroup = 5,
    [Display(Name = "Nhóm đối tượng ưu tiên")] Priority = 6,
    [Display(Name = "Trình độ đào tạo")] Level = 7,
    [Display(Name = "Nghề")] Occupation = 8,
    [Display(Name = "Cơ sở đào tạo")] Institution = 9,
}

/// <summary>
/// One indicator of domain.md's table, as data (Catalogue/indicators.json): computed from records by a
/// named computation that an area provides (<see cref="IIndicatorSource"/>), read from an aggregate
/// data element, or the ratio of two other indicators. A computed indicator may name an element it
/// is read from until its records exist: the province can enter it by hand meanwhile.
/// </summary>
[AreaContract]
public sealed record Indicator(
    string Code, string Name, string Unit, IndicatorMeasure Measure, IndicatorArea Area, int Order, bool Headline,
    string? Computation, string? Element, string? Numerator, string? Denominator,
    IReadOnlyList<Dimension> Breakdowns, IReadOnlyList<UnitKind> Scopes, string Description, CountedItem? Counts = null, string? Repeats = null)
{
    /// <summary>
    /// The counting rule in one Vietnamese sentence, as the definitions page and every export state it:
    /// what one unit of the value is and how repeats in one unit and period resolve; a ratio's comes from its parts.
    /// </summary>
    public string CountingRule => Kind == IndicatorKind.Ratio
        ? $"Tỷ lệ: {IndicatorCatalogue.Find(Numerator)!.Name} trên {IndicatorCatalogue.Find(Denominator)!.Name}, mỗi phần đếm theo cách đếm của chỉ số đó."
        : $"Đếm: {Fmt.Enum(Counts)}. {Repeats}";

    public IndicatorKind Kind => Numerator is not null ? IndicatorKind.Ratio : Computation is not null ? IndicatorKind.Computed : IndicatorKind.Element;

    /// <summary>A whole number that sums across units and periods, so a report can carry it as is.</summary>
    public bool IsAdditive => Kind != IndicatorKind.Ratio && (Element is null || Computation is not null || IndicatorCatalogue.FindElement(Element)!.Additive);

    public bool AppliesTo(UnitKind kind) => Scopes.Contains(kind == UnitKind.District ? UnitKind.Commune : kind);
}

/// <summary>Whether a value must not exceed (or fall below) another value of the same unit and year.</summary>
public enum RuleOperator
{
    LessOrEqual = 1,
    GreaterOrEqual = 2,
}

/// <summary>
/// An aggregate data element (Catalogue/data-elements.json): a number entered per unit and year that
/// is not kept as individual records – graduate counts, the surveyed unemployment rate, and the
/// stand-ins for indicators whose records do not exist yet. Stored as a whole number scaled by
/// <see cref="Decimals"/> (1,25% is 125 with 2 decimals) so nothing is lost to rounding.
/// </summary>
[AreaContract]
public sealed record DataElement(
    string Code, string Name, string Unit, int Decimals, double Min, double Max, bool Additive, IReadOnlyList<UnitKind> Levels, string Note)
{
    public long Scale => (long)Math.Pow(10, Decimals);

    public double ToNumber(long stored) => (double)stored / Scale;

    public long ToStored(double value) => (long)Math.Round(value * Scale, MidpointRounding.AwayFromZero);
}

/// <summary>A validation rule between two elements of the same unit and year (Catalogue/validation-rules.json).</summary>
public sealed record ValidationRule(string Code, string Left, RuleOperator Operator, string Right, string Message)
{
    public bool Holds(double left, double right) => Operator == RuleOperator.LessOrEqual ? left <= right : left >= right;
}

/// <summary>The indicator catalogue, its data elements and their validation rules, embedded in the app as JSON.</summary>
[AreaContract]
public static class IndicatorCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<Indicator> All { get; } = Load<Indicator>("indicators.json").OrderBy(i => i.Order).ToList();

    public static IReadOnlyList<DataElement> Elements { get; } = Load<DataElement>("data-elements.json");

    public static IReadOnlyList<ValidationRule> Rules { get; } = Load<ValidationRule>("validation-rules.json");

    public static Indicator? Find(string? code) => All.FirstOrDefault(i => i.Code == code);

    public static DataElement? FindElement(string? code) => Elements.FirstOrDefault(e => e.Code == code);

    private static List<T> Load<T>(string name)
    {
        using var stream = typeof(IndicatorCatalogue).Assembly.GetManifestResourceStream("IndicatorCatalogue/" + name)
            ?? throw new InvalidOperationException($"Indicator catalogue file {name} is not embedded.");
        return JsonSerializer.Deserialize<List<T>>(stream, Json) ?? throw new InvalidOperationException($"Indicator catalogue file {name} is empty.");
    }
}
