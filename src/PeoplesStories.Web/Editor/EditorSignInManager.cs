using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Editor;

/// <summary>Identity's sign-in, refusing disabled editors both at sign-in and at each security-stamp check of an open session.</summary>
public sealed class EditorSignInManager(
    UserManager<EditorUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<EditorUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<EditorUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<EditorUser> confirmation)
    : SignInManager<EditorUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(EditorUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.Disabled && await base.CanSignInAsync(user);
    }

    public override async Task<bool> ValidateSecurityStampAsync(EditorUser? user, string? securityStamp) =>
        user is { Disabled: false } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
