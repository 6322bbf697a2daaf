using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// The payment list as a page to print on A4 landscape from the browser (the header row repeats on
/// every page, the signature block follows the totals), for an office where Excel is not at hand.
/// </summary>
[Authorize(Policy = CoursePolicies.ExportPayments)]
public class PrintPaymentList(PaymentList paymentList) : PageModel
{
    public PaymentList.Sheet Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await paymentList.ForPrintAsync(id, cancellationToken);
}
