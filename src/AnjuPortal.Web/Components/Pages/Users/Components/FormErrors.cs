using AnjuPortal.Application.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace AnjuPortal.Web.Components.Pages.Users.Components;

/// <summary>Puts a use case's errors under the form fields they name; the rest is said above the form.</summary>
internal static class FormErrors
{
    /// <returns>The message about the whole form, or null.</returns>
    public static string? Show<TValue, TInput>(CommandResult<TValue> result, EditContext context, ValidationMessageStore store)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        string? formError = null;
        foreach (var (field, message) in result.Errors)
        {
            if (field.Length > 0 && typeof(TInput).GetProperty(field) is not null)
            {
                store.Add(context.Field(field), message);
            }
            else
            {
                formError = formError is null ? message : $"{formError} {message}";
            }
        }

        context.NotifyValidationStateChanged();
        return formError;
    }
}
