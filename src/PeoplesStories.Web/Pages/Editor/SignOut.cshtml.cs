using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Editor;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>Signing out is a POST with its antiforgery token; a GET only shows the button.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SignOutModel(EditorSignInManager signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = User.Identity?.Name;
        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditActions.SignOut, name, name, null, cancellationToken);
        return Redirect("/editor/sign-in?signedOut=true");
    }
}
