using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaoTaoNghe.Data.Migrations;

[DbContext(typeof(global::DaoTaoNghe.Data.AppDbContext))]
[Migration("20261206235747_IndicatorValuesCurrentAt")]
public sealed class IndicatorValuesCurrentAt : ScriptMigration;
