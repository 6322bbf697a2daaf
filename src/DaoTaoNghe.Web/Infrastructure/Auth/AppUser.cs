using DaoTaoNghe.Features.Organisations;
using Microsoft.AspNetCore.Identity;

namespace DaoTaoNghe.Infrastructure.Auth;

public class AppUser : IdentityUser<int>
{
    public string FullName { get; set; } = "";
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;

    /// <summary>A disabled account cannot sign in or use its API keys; it is kept for the audit trail.</summary>
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
}

public class AppRole : IdentityRole<int>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}
