using DaoTaoNghe.Infrastructure.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Infrastructure.Validation;

/// <summary>
/// The one way a page handles a posted form: every problem is shown at once (values that could not
/// be read, then the command's rules), nothing is saved while any remains, and the form comes back
/// filled in as the user left it.
/// </summary>
public static class FormSubmission
{
    public static async Task<IActionResult> SubmitAsync<TCommand>(
        this PageModel page, IValidator<TCommand> validator, TCommand command,
        Func<Task<IActionResult>> save, Func<Task> reload, string prefix = "Data")
    {
        var unreadable = page.ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToHashSet();
        var rules = await validator.ValidateAsync(command, page.HttpContext.RequestAborted);
        foreach (var error in rules.Errors)
        {
            var key = $"{prefix}.{error.PropertyName}";
            if (!unreadable.Contains(key)) page.ModelState.AddModelError(key, error.ErrorMessage);
        }

        if (page.ModelState.IsValid)
        {
            try
            {
                return await save();
            }
            catch (ValidationFailedException failed)
            {
                failed.AddTo(page.ModelState, prefix);
            }
        }
        await reload();
        return page.Page();
    }

    /// <summary>
    /// A page action without a form to validate (a state change, a button): a refusal the handler
    /// explains (a rule, a conflicting state) is shown on the page instead of the error page.
    /// </summary>
    public static async Task<IActionResult> ActAsync(this PageModel page, Func<Task<IActionResult>> action, Func<Task> reload, string prefix = "Data")
    {
        try
        {
            return await action();
        }
        catch (ValidationFailedException failed)
        {
            failed.AddTo(page.ModelState, prefix);
        }
        catch (ConflictException conflict)
        {
            page.ModelState.AddModelError("", conflict.Message);
        }
        await reload();
        return page.Page();
    }
}
