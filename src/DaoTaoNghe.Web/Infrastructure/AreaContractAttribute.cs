namespace DaoTaoNghe.Infrastructure;

/// <summary>
/// Marks a type other areas may use: an entity they may navigate to, a named query or fact, an
/// interface they implement. Everything else in an area is its own; its DbSets never are, whatever
/// their entity type says (another area asks this area's named queries instead). The architecture
/// tests hold the code to this and write the resulting graph into DEVELOPERS.md.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum, Inherited = false)]
public sealed class AreaContractAttribute : Attribute;
