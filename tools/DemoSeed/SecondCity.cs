namespace Integration.DemoSeed;

/// <summary>
/// The demo's second tenant, a consortium of small towns sharing one deployment with the first city: a platform administrator
/// onboards it, then its own staff register its directory, funding stream, clients, referrals and a mediator. Its data is out of
/// the first city's sight and the other way round.
/// </summary>
internal sealed class SecondCity(Gateway gateway, TextWriter warnings)
{
    public const string TenantId = "val-susa";
    private const string Stream = "FSE-PIEMONTE-INCL";

    public async Task SeedAsync()
    {
        var platform = await gateway.TokenAsync("platform-admin", "platform_admin", office: null);
        await gateway.PostAsync(platform, "/api/intake/tenants", new
        {
            tenantId = TenantId, name = "Unione Montana Valle Susa", timeZone = "Europe/Rome", defaultLanguage = "it", offices = new[] { "susa", "avigliana" },
        });
        var coordinator = await gateway.TokenAsync("coordinator-susa", "coordinator", office: null, tenant: TenantId);
        var desk = await gateway.TokenAsync("desk-susa", "frontdesk", "susa", tenant: TenantId);
        var worker = await gateway.TokenAsync("cw-susa", "caseworker", "susa", tenant: TenantId);
        await KnownEverywhereAsync(coordinator);
        await ShareTigrinyaMediatorAsync();
        var redCross = await ShareRedCrossAsync();

        var year = DateTime.UtcNow.Year;
        await gateway.PostAsync(coordinator, "/api/referrals/funding-streams", new
        {
            code = Stream, name = "Social inclusion of third-country nationals", funder = "Regione Piemonte", programme = "FSE+ 2021-2027",
            startsOn = $"{year}-01-01", endsOn = $"{year + 1}-12-31",
        });
        var housing = await gateway.CreateAsync(coordinator, "/api/referrals/organisations",
            new { name = "Cooperativa Il Sogno", description = "Supported housing in the valley" }, "organisationId");
        var housingService = await gateway.CreateAsync(coordinator, $"/api/referrals/organisations/{housing}/services",
            new { name = "Shared flats in Bussoleno", category = "housing", languages = new[] { "it", "fr", "ar" }, responseHours = 72, fundingStream = Stream },
            "serviceId");
        var school = await gateway.CreateAsync(coordinator, "/api/referrals/organisations",
            new { name = "CPIA Susa", description = "Adult education and Italian courses" }, "organisationId");
        var italian = await gateway.CreateAsync(coordinator, $"/api/referrals/organisations/{school}/services",
            new { name = "Italian A1 in Avigliana", category = "language", languages = new[] { "it" }, responseHours = 120 }, "serviceId");
        var tracingDesk = redCross is { } shared
            ? await gateway.CreateAsync(coordinator, $"/api/referrals/organisations/{shared}/services",
                new { name = "Family tracing desk in Susa", category = "family_reunification", languages = new[] { "it", "en", "ti" }, responseHours = 96 },
                "serviceId")
            : (Guid?)null;

        var karim = await ClientAsync(desk, worker, new
        {
            givenName = "Karim", familyName = "Benali", dateOfBirth = "1994-05-20", sex = "male", nationalities = new[] { "MA" },
            languages = new[] { new { code = "ar", proficiency = "native" }, new { code = "fr", proficiency = "fluent" } }, preferredLanguage = "fr",
        }, "housing", "Sleeping at a friend's since the reception centre closed");
        var saba = await ClientAsync(desk, worker, new
        {
            givenName = "Saba", familyName = "Tekle", dateOfBirth = "1999-12-03", sex = "female", nationalities = new[] { "ER" },
            languages = new[] { new { code = "ti", proficiency = "native" } }, preferredLanguage = "ti", interpreterRequired = true,
        }, "language", "Wants Italian to work as a care assistant");
        await ClientAsync(desk, worker, new
        {
            givenName = "Iryna", familyName = "Melnyk", dateOfBirth = "1972-08-14", sex = "female", nationalities = new[] { "UA" },
            languages = new[] { new { code = "uk", proficiency = "native" } }, preferredLanguage = "uk",
        }, "employment", "Nurse in Ukraine; her qualification needs recognising");

        await ReferAsync(worker, karim, housingService, "high");
        await ReferAsync(worker, saba, italian, "medium");
        if (tracingDesk is { } tracing)
        {
            // The shared partner's staff then read one inbox of both cities: this referral beside the first city's.
            var yohannes = await ClientAsync(desk, worker, new
            {
                givenName = "Yohannes", familyName = "Haile", dateOfBirth = "2001-02-11", sex = "male", nationalities = new[] { "ER" },
                languages = new[] { new { code = "ti", proficiency = "native" }, new { code = "en", proficiency = "basic" } }, preferredLanguage = "ti",
            }, "family_reunification", "Looking for his brother, last heard of in Libya");
            await ReferAsync(worker, yohannes, tracing, "medium");
        }

        var mediator = await gateway.CreateAsync(coordinator, "/api/mediators/mediators", new
        {
            name = "Hiwet Gebremedhin", languages = new[] { new { code = "ti" }, new { code = "am" } }, specialisms = new[] { "school" }, modes = new[] { "phone" },
        }, "mediatorId");
        await gateway.PutAsync(coordinator, $"/api/mediators/mediators/{mediator}/availability", new
        {
            timeZone = "Europe/Rome", weekly = new[] { new { dayOfWeek = 2, from = "09:00", to = "13:00" }, new { dayOfWeek = 4, from = "09:00", to = "13:00" } },
        });
        await gateway.PostAsync(desk, "/api/mediators/bookings", new
        {
            language = "ti", start = Days.NextMonday(9).AddDays(1), durationMinutes = 60, mode = "phone", clientId = saba.ClientId,
        });
        Console.WriteLine($"Seeded a second tenant, {TenantId} (offices susa and avigliana): 4 clients, 2 partner organisations, 3 referrals,");
        Console.WriteLine($"a funding stream ({Stream}), its own Tigrinya mediator and one shared by the first city (Yonas Tesfaye), a partner shared");
        Console.WriteLine("by the first city (Croce Rossa Ricongiungimenti, whose staff read one inbox of both) and a booking; sign in as Lucia Ferrero,");
        Console.WriteLine("Paolo Gribaudo or Marta Allais, or as Croce Rossa Ricongiungimenti's staff.");
    }

    /// <summary>The first city shares its Tigrinya and Amharic mediator with the valley: one person, one calendar, two pools.</summary>
    private async Task ShareTigrinyaMediatorAsync()
    {
        var firstCity = await gateway.TokenAsync("coordinator", "coordinator", office: null);
        var speakers = await gateway.GetAsync(firstCity, "/api/mediators/mediators?language=ti&pageSize=100");
        foreach (var mediator in speakers.GetProperty("items").EnumerateArray().Where(mediator => mediator.GetProperty("name").GetString() == "Yonas Tesfaye"))
        {
            await gateway.PostAsync(firstCity, $"/api/mediators/mediators/{mediator.GetProperty("id").GetGuid()}/shares", new { tenantId = TenantId });
        }
    }

    /// <summary>
    /// The first city's family-tracing partner serves the valley too: shared into its directory under the same id, its staff receive
    /// both tenants' referrals (their tokens name both; they choose one with ?tenant=).
    /// </summary>
    private async Task<Guid?> ShareRedCrossAsync()
    {
        var firstCity = await gateway.TokenAsync("coordinator", "coordinator", office: null);
        var organisations = await gateway.GetAsync(firstCity, "/api/referrals/organisations?pageSize=100");
        foreach (var organisation in organisations.GetProperty("items").EnumerateArray()
            .Where(organisation => organisation.GetProperty("name").GetString() == "Croce Rossa Ricongiungimenti"))
        {
            var id = organisation.GetProperty("id").GetGuid();
            await gateway.PostAsync(firstCity, $"/api/referrals/organisations/{id}/shares", new { tenantId = TenantId });
            return id;
        }

        return null;
    }

    /// <summary>Referrals and mediators accept the tenant's tokens once intake's announcement has reached them.</summary>
    private async Task KnownEverywhereAsync(string coordinator)
    {
        foreach (var path in new[] { "/api/referrals/organisations?pageSize=1", "/api/mediators/mediators?pageSize=1" })
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await gateway.GetAsync(coordinator, path);
                    break;
                }
                catch (GatewayRefused) when (attempt < 60)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }
    }

    private sealed record SeededClient(Guid ClientId, Guid NeedId);

    private async Task<SeededClient> ClientAsync(string desk, string worker, object registration, string domain, string need)
    {
        var clientId = await gateway.CreateAsync(desk, "/api/intake/clients", registration, "clientId");
        var needId = await gateway.CreateAsync(worker, $"/api/intake/clients/{clientId}/needs", new { domain, priority = "high", description = need }, "needId");
        await gateway.PostAsync(desk, $"/api/intake/clients/{clientId}/consents", new
        {
            purpose = "referral", recipientServiceCategory = domain, dataCategories = new[] { "identity", "contact", "language", "needs" },
            lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow, evidence = "Signed form, demo",
        });
        return new SeededClient(clientId, needId);
    }

    private async Task ReferAsync(string worker, SeededClient client, Guid serviceId, string urgency)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                await gateway.PostAsync(worker, "/api/referrals/referrals", new { clientId = client.ClientId, needId = client.NeedId, serviceId, urgency });
                return;
            }
            catch (GatewayRefused)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        await warnings.WriteLineAsync($"Warning: a referral of {TenantId} was refused for 60 s; is the referrals service consuming intake's events?");
    }
}
