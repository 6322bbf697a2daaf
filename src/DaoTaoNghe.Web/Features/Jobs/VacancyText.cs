using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>How a wage range reads to people, on the staff pages and the public site alike.</summary>
public static class VacancyText
{
    public static string Wage(long? from, long? to) => (from, to) switch
    {
        (null, null) => "Thỏa thuận",
        ({ } f, null) => $"Từ {Fmt.Money(f)}/tháng",
        (null, { } t) => $"Đến {Fmt.Money(t)}/tháng",
        ({ } f, { } t) when f == t => $"{Fmt.Money(f)}/tháng",
        ({ } f, { } t) => $"{Fmt.Number(f)} – {Fmt.Money(t)}/tháng",
    };
}
