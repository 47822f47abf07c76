using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;

namespace PeoplesStories.Web.Pages.Editor;

/// <summary>
/// Signing in. Every refusal (unknown email, wrong password, disabled or locked account) reads the
/// same, so the page never tells whether an email has an account; the audit log tells them apart.
/// </summary>
[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SignInModel(EditorSignInManager signIn, UserManager<EditorUser> users, AuditLog audit) : PageModel
{
    public const string RefusedMessage =
        "That email and password did not sign you in. Check both and try again. After 5 failed attempts an account is locked for 15 minutes; a disabled account cannot sign in.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    public string? Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        SignedOut = false;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await audit.WriteAsync(AuditActions.SignInFailed, null, email, "no account with this email", cancellationToken);
            return Refuse();
        }

        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignIn, user.Email, user.Email, Input.RememberMe ? "remembered" : null, cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/editor");
        }

        if (result.IsLockedOut && !wasLockedOut)
        {
            await audit.WriteAsync(AuditActions.Lockout, null, user.Email,
                $"locked for {EditorAccounts.LockoutTime.TotalMinutes:0} minutes after {EditorAccounts.MaxFailedAttempts} failed attempts", cancellationToken);
        }
        else
        {
            var reason = result.IsLockedOut ? "account locked" : result.IsNotAllowed ? "account disabled" : "wrong password";
            await audit.WriteAsync(AuditActions.SignInFailed, null, user.Email, reason, cancellationToken);
        }

        return Refuse();
    }

    private PageResult Refuse()
    {
        Refused = RefusedMessage;
        return Page();
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address, like name@example.org.")]
        [StringLength(EditorAccounts.EmailMaxLength, ErrorMessage = "An email address can be at most {1} characters long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(EditorAccounts.PasswordMaxLength, ErrorMessage = "A password can be at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }
}
