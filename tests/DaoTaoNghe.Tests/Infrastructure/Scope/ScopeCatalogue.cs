namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// The one list of entities that are NOT scoped the ordinary way (a named query filter
/// <c>ScopeRules.FilterName</c> plus <c>IScopeOwned</c>), each with its reason, keyed by the EF
/// model's display name. Every other entity of the model must be scoped: <see cref="EntityScopeTests"/>
/// fails for a new entity that is neither, and for an entry here that no longer matches the model.
/// </summary>
public static class ScopeCatalogue
{
    /// <summary>No query filter: readable by every signed-in caller (reference data, identity, bookkeeping).</summary>
    public static readonly IReadOnlyDictionary<string, string> Public = new Dictionary<string, string>
    {
        ["EthnicGroup"] = "official code list of the 54 ethnic groups, the same for everyone",
        ["AdministrativeUnit"] = "official administrative map (provinces, communes, pre-2025 units): public reference",
        ["UnitSuccession"] = "official record of which units merged into which on 1 July 2025: public reference",
        ["Organisation"] = "directory of organisations, named in choices and on records everywhere; its own pages filter by province in the handler, and IScopeOwned guards writes",
        ["CertificateCounter"] = "bookkeeping: last certificate number per institution and year, never shown, written only while issuing a certificate the caller may issue",
        ["AppSetting"] = "application settings (key/value), nothing per province or organisation",
        ["AppUser"] = "identity: the Users pages (province admin only) filter by the organisation's province",
        ["AppRole"] = "identity: the fixed list of roles",
        ["IdentityUserRole<int>"] = "identity: a user's role, read with the user",
        ["IdentityUserClaim<int>"] = "identity: unused by the app, kept by ASP.NET Identity",
        ["IdentityUserLogin<int>"] = "identity: unused by the app, kept by ASP.NET Identity",
        ["IdentityUserToken<int>"] = "identity: unused by the app, kept by ASP.NET Identity",
        ["IdentityRoleClaim<int>"] = "identity: unused by the app, kept by ASP.NET Identity",
        ["ApiKey"] = "identity: a user's own API keys, read and revoked only where UserId is the caller's",
        ["IndicatorCell"] = "maintained indicator counts per commune, year and breakdown (no person in them), written only by the maintained-values worker; read only by the indicator engine, which decides which units a caller may open",
        ["IndicatorMark"] = "bookkeeping: which cells a change moved, inserted by database triggers and deleted by the worker; never shown",
        ["IndicatorCellsState"] = "bookkeeping: the maintained values' build state and last rebuild report, shown on the province admin's page",
        ["NationalPersonCount"] = "the national tier's counts of the nation's people per computation and year (numbers, no person in them), written by its counting worker; read only by the indicator engine for the comparison of the provinces, which its own permission guards",
    };

    /// <summary>
    /// Filtered for reading, but never written by a user's edit: the system writes them for the
    /// caller's own actions, so there is no owner for the write guard to check.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SystemWritten = new Dictionary<string, string>
    {
        ["AuditEntry"] = "written only by AuditInterceptor/AuditTrail about the caller's own actions; read by province-wide roles",
        ["ChangeLogEntry"] = "written only by AuditInterceptor with each change of a fed record, with its owner at the time; read by the change feed through the owner",
        ["ExternalKey"] = "an organisation's own ids for our records, written only by the exchange's upserts for the caller's organisation; read by that organisation",
        ["SharedPersonCase"] = "the national tier's cases of one CCCD in several provinces, written only by its refresh (system) from the replicated learners; read by the ministry and by the province's reconciliation account (ProvinceReconciliationTests, FederationTests)",
        ["IdempotencyRecord"] = "answers kept for Idempotency-Keys, written and read only by the middleware for the caller's own key; shown to nobody",
    };

    /// <summary>
    /// Filtered through their parent and written only together with it: a handler loads the parent
    /// through its filter (an out-of-scope parent is a 404) and then adds or changes the child.
    /// What <see cref="EntityScopeTests"/> checks: the child's scope filter goes through the
    /// navigation named here, its foreign key is required and cascades, and the parent itself is
    /// scoped and IScopeOwned. The route matrix (<see cref="RouteScopeTests"/>) tries the writes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Navigation, string Reason)> ThroughParent = new Dictionary<string, (string, string)>
    {
        ["LearnerConsent"] = ("Learner", "consents are given and withdrawn on the learner's page/API, which loads the learner first"),
        ["LearnerHousehold"] = ("Learner", "household status per year is kept on the learner's page/API, which loads the learner first"),
        ["LearnerPriority"] = ("Learner", "priority groups are saved with the learner's form"),
        ["LearnerResidence"] = ("Learner", "the residence history is written by the learner's residence page, which loads the learner first"),
        ["PopulationCheck"] = ("Learner", "a check with the national population database is made from the learner's page or registration, which load the learner first"),
        ["SupportGroupRule"] = ("RuleSet", "part of a support rule set, created and deleted with it"),
        ["SupportTravelRule"] = ("RuleSet", "part of a support rule set, created and deleted with it"),
        ["ImportRowError"] = ("Job", "row errors are written by the import run of the caller's own job"),
    };

    public static bool IsListed(string entity) =>
        Public.ContainsKey(entity) || SystemWritten.ContainsKey(entity) || ThroughParent.ContainsKey(entity);
}
