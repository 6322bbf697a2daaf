using DaoTaoNghe.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<SupportRuleSet> SupportRuleSets => Set<SupportRuleSet>();
    public DbSet<SupportGroupRule> SupportGroupRules => Set<SupportGroupRule>();
    public DbSet<SupportTravelRule> SupportTravelRules => Set<SupportTravelRule>();
    public DbSet<CommuneClassification> CommuneClassifications => Set<CommuneClassification>();
}
