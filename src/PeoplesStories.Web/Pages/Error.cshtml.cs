using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeoplesStories.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status500InternalServerError;

    public string? RequestId { get; private set; }

    /// <summary>The error came from the Submit a Story form (its rate limit has its own words).</summary>
    public bool FromSubmit { get; private set; }

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    /// <summary>
    /// The status comes from the status code pages' re-execution (or <c>?code=</c>), never from model
    /// binding: binding would read a refused POST's form again (a NUL in a value, a body over the
    /// limit), fail, and turn a 400 into a 500.
    /// </summary>
    private void Describe()
    {
        var reExecute = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        int? code = reExecute?.OriginalStatusCode
            ?? (int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null);
        Status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        FromSubmit = reExecute?.OriginalPath
            .StartsWith("/submit", StringComparison.OrdinalIgnoreCase) == true;
    }
}
