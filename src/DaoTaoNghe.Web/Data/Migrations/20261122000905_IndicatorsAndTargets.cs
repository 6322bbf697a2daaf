using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000905_IndicatorsAndTargets")]
public sealed class IndicatorsAndTargets : ScriptMigration;
