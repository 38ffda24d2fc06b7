namespace Integration.DemoSeed;

/// <summary>The demo's people, organisations, referrals, mediators and one case, written through the public API.</summary>
internal sealed class Demo(Gateway gateway, Uri address, TextWriter warnings)
{
    private static readonly string[] Offices = ["milan-central", "florence", "bari"];

    private readonly Dictionary<string, string> desk = [];
    private readonly Dictionary<string, string> worker = [];
    private readonly Dictionary<string, Guid> services = [];
    private readonly Dictionary<string, Guid> organisationOf = [];
    private readonly Dictionary<string, Guid> clients = [];
    private readonly Dictionary<string, string> officeOf = [];
    private readonly Dictionary<string, Guid> needs = [];
    private readonly Dictionary<string, Guid> consents = [];
    private readonly Dictionary<string, Guid> referrals = [];
    private string coordinator = "";

    public async Task SeedAsync()
    {
        coordinator = await gateway.TokenAsync("coordinator", "coordinator", "milan-central");
        if ((await gateway.GetAsync(coordinator, "/api/intake/clients?pageSize=1")).GetProperty("total").GetInt64() > 0)
        {
            Console.WriteLine("Demo data already present.");
            return;
        }

        // The demo users of the portal's development sign-in page use the same subjects and offices.
        foreach (var office in Offices)
        {
            desk[office] = await gateway.TokenAsync($"desk-{office}", "frontdesk", office);
            worker[office] = await gateway.TokenAsync($"cw-{office}", "caseworker", office);
        }

        await PartnersAsync();
        await ClientsAsync();
        await ReferralsAsync();
        await MediatorsAsync();
        await AminasCaseAsync();
        Console.WriteLine("Seeded 13 clients at 3 offices (milan-central, florence, bari), 12 partner organisations covering every need domain,");
        Console.WriteLine($"2 funding streams ({Amif}, {CityReception}) paying for 5 of their services, two actions of Amina's plan and Mohammed's mediation,");
        Console.WriteLine("15 referrals in every status of the closed loop, 12 mediators in 18 languages and 3 bookings (one in Lingala unfilled),");
        Console.WriteLine("and Amina Yusuf's case: her household of three, an agreed integration plan with a review due this week, a note.");
        await new SecondCity(gateway, warnings).SeedAsync();
        Console.WriteLine($"Sign in at {new Uri(address, "/signin")} as any demo user.");
    }

    /// <summary>
    /// Partner organisations and their services: every need domain is covered. Two funding streams pay for some of them: the EU's
    /// asylum and integration fund, and the city's reception budget for the calendar year the demo is seeded in (so it runs).
    /// </summary>
    private async Task PartnersAsync()
    {
        var year = DateTime.UtcNow.Year;
        await gateway.PostAsync(coordinator, "/api/referrals/funding-streams", new
        {
            code = Amif, name = "Asylum, Migration and Integration Fund", funder = "European Commission", programme = "IT-AMIF-2021-2027",
            startsOn = "2021-01-01", endsOn = $"{year + 1}-12-31",
        });
        await gateway.PostAsync(coordinator, "/api/referrals/funding-streams", new
        {
            code = CityReception, name = "Reception and integration budget", funder = "Comune di Milano", startsOn = $"{year}-01-01", endsOn = $"{year}-12-31",
        });
        var org = await OrganisationAsync("Casa della Carità", "Shelter and housing support");
        await ServiceAsync("beds", org, "Family emergency housing", "housing", ["it", "en", "ar", "fr"], 48, CityReception);
        await ServiceAsync("rooms", org, "Supported flats", "housing", ["it", "en"], 120, CityReception);
        await ServiceAsync("gp", await OrganisationAsync("Ambulatorio Popolare", "Free clinic for people without a GP"), "General practice", "health",
            ["it", "en", "ar", "ti"], 24);
        await ServiceAsync("psy", await OrganisationAsync("Centro Franz Fanon", "Transcultural psychotherapy"), "Psychological support", "mental_health",
            ["it", "fr", "uk", "prs"], 72);
        await ServiceAsync("law", await OrganisationAsync("Avvocati di Strada", "Free legal advice"), "Asylum and residence advice", "legal",
            ["it", "en", "fr", "ar"], 72, Amif);
        await ServiceAsync("docs", await OrganisationAsync("Patronato INCA", "Documents and permits"), "Permit renewal desk", "documents", ["it", "en", "es"], 48);
        await ServiceAsync("italian", await OrganisationAsync("Scuola di Italiano Insieme", "Italian courses from A0 to B2"), "Italian A1 evening course",
            "language", ["it"], 120, Amif);
        await ServiceAsync("school", await OrganisationAsync("CPIA Milano 2", "Adult education"), "Lower secondary diploma", "education", ["it", "en"], 168);
        await ServiceAsync("jobs", await OrganisationAsync("Lavoro e Dignità", "Job orientation and placement"), "Job orientation", "employment",
            ["it", "en", "fr", "ar", "bn"], 72, Amif);
        await ServiceAsync("degrees", await OrganisationAsync("CIMEA Desk", "Recognition of foreign qualifications"), "Qualification recognition",
            "qualifications", ["it", "en", "fr"], 240);
        await ServiceAsync("family", await OrganisationAsync("Croce Rossa Ricongiungimenti", "Restoring family links"), "Family reunification",
            "family_reunification", ["it", "en", "ar", "so", "ti"], 96);
        await ServiceAsync("money", await OrganisationAsync("Banco di Solidarietà", "Food and financial support"), "Emergency financial support", "financial",
            ["it", "en", "ar", "ur"], 48);
        org = await OrganisationAsync("Nidi Aperti", "Childcare for working parents");
        await ServiceAsync("nursery", org, "Nursery places", "childcare", ["it", "en"], 96);
        await ServiceAsync("other_help", org, "Family counselling", "other", ["it", "en", "es"], 72);
    }

    /// <summary>Clients at three offices, each with needs and a consent to referral in those domains.</summary>
    private async Task ClientsAsync()
    {
        await ClientAsync("amina", "milan-central", new
        {
            givenName = "Amina", familyName = "Yusuf", dateOfBirth = "1991-04-12", sex = "female", nationalities = new[] { "NG" },
            languages = new[] { Language("ha", "native"), Language("en", "basic") }, preferredLanguage = "en", interpreterRequired = true,
            phone = "+39 333 120 4410", address = new { municipality = "Milano", district = "Municipio 2" },
            legalStatus = new { category = "asylum_seeker", documentNumber = "PS-20261", validUntil = "2027-03-31" },
            vulnerabilities = new[] { "single_parent" },
        });
        await ClientAsync("oleksandr", "milan-central", new
        {
            givenName = "Oleksandr", familyName = "Kovalenko", dateOfBirth = "1985-09-30", sex = "male", nationalities = new[] { "UA" },
            languages = new[] { Language("uk", "native"), Language("en", "basic") }, preferredLanguage = "uk", phone = "+39 351 221 0087",
            legalStatus = new { category = "temporary_permit", documentNumber = "TP-88120", validUntil = Days.From(20) },
        });
        await ClientAsync("mohammed", "milan-central", new
        {
            givenName = "Mohammed", familyName = "Al-Hassan", dateOfBirth = "1979-01-01", dateOfBirthIsApproximate = true, sex = "male",
            nationalities = new[] { "SY" }, languages = new[] { Language("ar", "native") }, preferredLanguage = "ar", interpreterRequired = true,
            legalStatus = new { category = "refugee", documentNumber = "RF-1182" },
        });
        await ClientAsync("tigist", "milan-central", new
        {
            givenName = "Tigist", familyName = "Haile", dateOfBirth = "2001-07-18", sex = "female", nationalities = new[] { "ER" },
            languages = new[] { Language("ti", "native") }, preferredLanguage = "ti", interpreterRequired = true,
            vulnerabilities = new[] { "trafficking_victim" },
        });
        await ClientAsync("farida", "milan-central", new
        {
            givenName = "Farida", familyName = "Rahimi", dateOfBirth = "1996-11-02", sex = "female", nationalities = new[] { "AF" },
            languages = new[] { Language("prs", "native") }, preferredLanguage = "prs", interpreterRequired = true,
        });
        await ClientAsync("rahim", "milan-central", new
        {
            givenName = "Rahim", familyName = "Uddin", dateOfBirth = "1993-05-21", sex = "male", nationalities = new[] { "BD" },
            languages = new[] { Language("bn", "native"), Language("en", "basic") }, preferredLanguage = "bn", phone = "+39 327 554 1200",
        });
        await ClientAsync("hodan", "florence", new
        {
            givenName = "Hodan", familyName = "Warsame", dateOfBirth = "1988-02-14", sex = "female", nationalities = new[] { "SO" },
            languages = new[] { Language("so", "native") }, preferredLanguage = "so", interpreterRequired = true,
        });
        await ClientAsync("lucia", "florence", new
        {
            givenName = "Lucía", familyName = "Mendoza", dateOfBirth = "1990-08-09", sex = "female", nationalities = new[] { "PE" },
            languages = new[] { Language("es", "native") }, preferredLanguage = "es", phone = "+39 348 900 1133",
            legalStatus = new { category = "work_permit", documentNumber = "WP-77312", validUntil = "2028-01-31" },
        });
        await ClientAsync("bilal", "florence", new
        {
            givenName = "Bilal", familyName = "Khan", dateOfBirth = "1998-12-01", sex = "male", nationalities = new[] { "PK" },
            languages = new[] { Language("ur", "native"), Language("en", "fluent") }, preferredLanguage = "ur",
        });
        await ClientAsync("awa", "bari", new
        {
            givenName = "Awa", familyName = "Diop", dateOfBirth = "2000-03-03", sex = "female", nationalities = new[] { "SN" },
            languages = new[] { Language("wo", "native"), Language("fr", "fluent") }, preferredLanguage = "fr",
        });
        await ClientAsync("dritan", "bari", new
        {
            givenName = "Dritan", familyName = "Hoxha", dateOfBirth = "1982-06-17", sex = "male", nationalities = new[] { "AL" },
            languages = new[] { Language("sq", "native"), Language("it", "basic") }, preferredLanguage = "it",
        });

        await NeedAsync("amina_housing", "amina", "housing", "high", "Mother and two children in an emergency shelter");
        await NeedAsync("amina_italian", "amina", "language", "medium", "Italian course, A1");
        await NeedAsync("oleksandr_psy", "oleksandr", "mental_health", "high", "Sleeps badly since the evacuation");
        await NeedAsync("oleksandr_docs", "oleksandr", "documents", "urgent", "Temporary permit expires within a month");
        await NeedAsync("mohammed_law", "mohammed", "legal", "high", "Family reunification appeal");
        await NeedAsync("mohammed_family", "mohammed", "family_reunification", "medium", "Wife and daughter still in Lebanon");
        await NeedAsync("tigist_gp", "tigist", "health", "high", "Needs a GP and a gynaecologist");
        await NeedAsync("farida_psy", "farida", "mental_health", "medium", "Isolated, asks for someone to talk to in Dari");
        await NeedAsync("rahim_jobs", "rahim", "employment", "medium", "Cook with 8 years of experience");
        await NeedAsync("hodan_family", "hodan", "family_reunification", "high", "Son of 12 in Kenya");
        await NeedAsync("lucia_degrees", "lucia", "qualifications", "medium", "Nursing degree from Lima");
        await NeedAsync("lucia_nursery", "lucia", "childcare", "medium", "Daughter of 2; works mornings");
        await NeedAsync("bilal_school", "bilal", "education", "low", "Wants the lower secondary diploma");
        await NeedAsync("awa_money", "awa", "financial", "urgent", "No income this month");
        await NeedAsync("dritan_other", "dritan", "other", "low", "Family counselling");

        await ConsentAsync("amina", "housing", "language");
        await ConsentAsync("oleksandr", "mental_health", "documents");
        await ConsentAsync("mohammed", "legal", "family_reunification");
        await ConsentAsync("tigist", "health");
        await ConsentAsync("farida", "mental_health");
        await ConsentAsync("rahim", "employment");
        await ConsentAsync("hodan", "family_reunification");
        await ConsentAsync("lucia", "qualifications", "childcare");
        await ConsentAsync("bilal", "education");
        await ConsentAsync("awa", "financial");
        await ConsentAsync("dritan", "other");
    }

    /// <summary>Referrals in every status; referrals learns of needs and consents from intake's events a moment later, and answers 422 until then.</summary>
    private async Task ReferralsAsync()
    {
        if (await ReferAsync("redirected", "amina", "amina_housing", "rooms", "high"))
        {
            await TryAsync("redirect", () => gateway.PostAsync(worker["milan-central"], $"/api/referrals/referrals/{referrals["redirected"]}/redirect",
                new { serviceId = services["beds"] }));
        }

        if (await ReferAsync("waitlisted", "amina", "amina_italian", "italian", "medium"))
        {
            await ActAsync("waitlisted", "italian", "waitlist", new { });
        }

        if (await ReferAsync("accepted", "oleksandr", "oleksandr_docs", "docs", "urgent"))
        {
            await ActAsync("accepted", "docs", "accept", new { });
        }

        if (await ReferAsync("in_contact", "mohammed", "mohammed_law", "law", "high"))
        {
            await ActAsync("in_contact", "law", "accept", new { });
            await ActAsync("in_contact", "law", "first-contact", new { at = DateTimeOffset.UtcNow });
        }

        if (await ReferAsync("completed", "tigist", "tigist_gp", "gp", "high"))
        {
            await ActAsync("completed", "gp", "accept", new { });
            await ActAsync("completed", "gp", "complete", new { outcome = "service_delivered" });
        }

        if (await ReferAsync("declined", "rahim", "rahim_jobs", "jobs", "medium"))
        {
            await ActAsync("declined", "jobs", "decline", new { reason = "no_capacity" });
        }

        if (await ReferAsync("no_show", "hodan", "hodan_family", "family", "high"))
        {
            await ActAsync("no_show", "family", "accept", new { });
            await ActAsync("no_show", "family", "no-show", new { });
        }

        if (await ReferAsync("withdrawn", "bilal", "bilal_school", "school", "low"))
        {
            await TryAsync("withdraw", () => gateway.PostAsync(worker["florence"], $"/api/referrals/referrals/{referrals["withdrawn"]}/withdraw",
                new { reason = "Moved to Bologna" }));
        }

        await ReferAsync("sent_6", "lucia", "lucia_nursery", "nursery", "medium");
        if (await ReferAsync("suspended", "farida", "farida_psy", "psy", "medium"))
        {
            await TryAsync("withdraw consent", () => gateway.PostAsync(desk["milan-central"],
                $"/api/intake/clients/{clients["farida"]}/consents/{consents["farida-mental_health"]}/withdraw", new { reason = "Prefers to wait" }));
        }

        await ReferAsync("sent_2", "awa", "awa_money", "money", "urgent");
        await ReferAsync("sent_3", "dritan", "dritan_other", "other_help", "low");
        await ReferAsync("sent_4", "oleksandr", "oleksandr_psy", "psy", "high");
        await ReferAsync("sent_5", "lucia", "lucia_degrees", "degrees", "medium");
    }

    /// <summary>Mediators in eighteen languages working weekdays in Rome time, and three bookings for next Monday.</summary>
    private async Task MediatorsAsync()
    {
        object[] weekdays =
        [
            new { dayOfWeek = 1, from = "09:00", to = "17:00" }, new { dayOfWeek = 2, from = "09:00", to = "17:00" },
            new { dayOfWeek = 3, from = "09:00", to = "17:00" }, new { dayOfWeek = 4, from = "09:00", to = "17:00" },
            new { dayOfWeek = 5, from = "09:00", to = "13:00" },
        ];
        async Task MediatorAsync(string name, object[] languages, string[] specialisms, string[] modes, string? userId = null)
        {
            var id = await gateway.CreateAsync(coordinator, "/api/mediators/mediators", new { name, languages, specialisms, modes, userId }, "mediatorId");
            await gateway.PutAsync(coordinator, $"/api/mediators/mediators/{id}/availability", new { timeZone = "Europe/Rome", weekly = weekdays });
        }

        await MediatorAsync("Samira Benali", [new { code = "ar", dialect = "Moroccan" }, new { code = "fr" }], ["health", "school"], ["in_person", "phone"],
            "demo-mediator");
        await MediatorAsync("Yonas Tesfaye", [new { code = "ti" }, new { code = "am" }], ["legal", "social_services"], ["in_person", "phone", "video"]);
        await MediatorAsync("Farid Rahimi", [new { code = "prs", dialect = "Hazaragi" }, new { code = "ps" }], ["mental_health", "health"], ["video", "phone"]);
        await MediatorAsync("Olena Kovalenko", [new { code = "uk" }, new { code = "ru" }], ["school", "employment"], ["in_person", "video"]);
        await MediatorAsync("Ayaan Hersi", [new { code = "so" }], ["health", "social_services"], ["in_person", "phone"]);
        await MediatorAsync("Nusrat Jahan", [new { code = "bn" }, new { code = "ur" }], ["employment", "school"], ["phone", "video"]);
        await MediatorAsync("Moussa Ndiaye", [new { code = "wo" }, new { code = "fr" }], ["legal"], ["in_person"]);
        await MediatorAsync("Ana Pérez", [new { code = "es" }], ["school", "health"], ["in_person", "phone"]);
        await MediatorAsync("Li Wei", [new { code = "zh" }], ["employment", "legal"], ["phone", "video"]);
        await MediatorAsync("Elira Dervishi", [new { code = "sq" }], ["social_services"], ["in_person"]);
        await MediatorAsync("Chinedu Okafor", [new { code = "ha" }, new { code = "en" }], ["health"], ["phone"]);
        await MediatorAsync("Deniz Aydın", [new { code = "tr" }], ["mental_health"], ["video"]);

        await TryAsync("book a mediator for Mohammed (is mediators consuming intake's events?)", () => gateway.PostAsync(desk["milan-central"],
            "/api/mediators/bookings", new
            {
                language = "ar", dialect = "Moroccan", specialism = "health", start = Days.NextMonday(9), durationMinutes = 60, mode = "in_person",
                location = "Via Padova 36, Milano", clientId = clients["mohammed"], fundingStream = Amif,
            }));
        await gateway.PostAsync(desk["florence"], "/api/mediators/bookings", new { language = "so", start = Days.NextMonday(10), durationMinutes = 45, mode = "phone" });
        await gateway.PostAsync(desk["bari"], "/api/mediators/bookings", new { language = "ln", start = Days.NextMonday(11), durationMinutes = 45, mode = "phone" });
    }

    /// <summary>A case: Amina's household, her integration plan (agreed, a review due this week), a note, her case worker.</summary>
    private async Task AminasCaseAsync()
    {
        await ClientAsync("musa", "milan-central", new
        {
            givenName = "Musa", familyName = "Yusuf", dateOfBirth = Days.YearsAgo(9), sex = "male", nationalities = new[] { "NG" },
            languages = new[] { Language("ha", "native"), Language("it", "basic") }, preferredLanguage = "ha",
        });
        await ClientAsync("zainab", "milan-central", new
        {
            givenName = "Zainab", familyName = "Yusuf", dateOfBirth = Days.YearsAgo(18, plusDays: 40), sex = "female", nationalities = new[] { "NG" },
            languages = new[] { Language("ha", "native"), Language("en", "fluent") }, preferredLanguage = "en",
        });
        var milan = worker["milan-central"];
        var amina = clients["amina"];
        await gateway.PostAsync(desk["milan-central"], "/api/intake/households", new
        {
            members = new[]
            {
                new { clientId = amina, relationship = "head" }, new { clientId = clients["musa"], relationship = "child" },
                new { clientId = clients["zainab"], relationship = "child" },
            },
        });
        await gateway.PostAsync(milan, $"/api/intake/clients/{amina}/assign", new { caseWorker = new { id = "cw-milan", name = "Marco Bianchi" } });
        var plan = await gateway.CreateAsync(milan, $"/api/intake/clients/{amina}/plans", new
        {
            startsOn = Days.MonthsFrom(-2),
            endsOn = Days.MonthsFrom(8),
            goals = new object[]
            {
                new { needId = needs["amina_housing"], domain = "housing", description = "A flat for the three of them", indicator = "A signed lease" },
                new { needId = needs["amina_italian"], domain = "language", description = "Italian A2" },
            },
            actions = new object[]
            {
                new { goal = 0, description = "Apply for social housing", responsible = new { kind = "caseworker" }, dueOn = Days.From(3), fundingStream = Amif },
                new
                {
                    goal = 1, description = "Attend the evening course twice a week", responsible = new { kind = "client" }, dueOn = Days.MonthsFrom(3),
                    fundingStream = Amif,
                },
            },
        }, "planId");
        await gateway.PostAsync(milan, $"/api/intake/clients/{amina}/plans/{plan}/agree",
            new { agreedOn = Days.MonthsFrom(-2), language = "ha", signedByClient = true, note = "Explained with a Hausa mediator" });
        var goal = (await gateway.GetAsync(milan, $"/api/intake/clients/{amina}/plans/{plan}")).GetProperty("goals")[0].GetProperty("goalId").GetGuid();
        await gateway.PostAsync(milan, $"/api/intake/clients/{amina}/plans/{plan}/reviews", new
        {
            reviewedOn = Days.MonthsFrom(-1),
            goals = new[] { new { goalId = goal, progress = "in_progress", note = "On the waiting list for two flats" } },
            nextReviewOn = Days.From(4),
        });
        await gateway.PostAsync(milan, $"/api/intake/clients/{amina}/notes",
            new { text = "Amina asked for help with the school enrolment of Musa; Zainab turns 18 soon and wants to study nursing." });
    }

    private static object Language(string code, string proficiency) => new { code, proficiency };

    private Task<Guid> OrganisationAsync(string name, string description) =>
        gateway.CreateAsync(coordinator, "/api/referrals/organisations", new { name, description }, "organisationId");

    private const string Amif = "AMIF-2021-2027", CityReception = "MI-ACCOGLIENZA";

    private async Task ServiceAsync(string key, Guid organisation, string name, string category, string[] languages, int responseHours,
        string? fundingStream = null)
    {
        services[key] = await gateway.CreateAsync(coordinator, $"/api/referrals/organisations/{organisation}/services",
            new { name, category, languages, responseHours, fundingStream }, "serviceId");
        organisationOf[key] = organisation;
    }

    private async Task ClientAsync(string key, string office, object registration)
    {
        clients[key] = await gateway.CreateAsync(desk[office], "/api/intake/clients", registration, "clientId");
        officeOf[key] = office;
    }

    private async Task NeedAsync(string key, string client, string domain, string priority, string description) =>
        needs[key] = await gateway.CreateAsync(worker[officeOf[client]], $"/api/intake/clients/{clients[client]}/needs",
            new { domain, priority, description }, "needId");

    /// <summary>Referral to any service of each domain, sharing identity, contact, language and needs.</summary>
    private async Task ConsentAsync(string client, params string[] domains)
    {
        foreach (var domain in domains)
        {
            consents[$"{client}-{domain}"] = await gateway.CreateAsync(desk[officeOf[client]], $"/api/intake/clients/{clients[client]}/consents", new
            {
                purpose = "referral", recipientServiceCategory = domain, dataCategories = new[] { "identity", "contact", "language", "needs" },
                lawfulBasis = "consent", givenAt = DateTimeOffset.UtcNow, evidence = "Signed form, demo",
            }, "consentId");
        }
    }

    /// <summary>Refers, retrying for a minute while referrals has not yet heard of the client's need and consent.</summary>
    private async Task<bool> ReferAsync(string key, string client, string need, string service, string urgency)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                referrals[key] = await gateway.CreateAsync(worker[officeOf[client]], "/api/referrals/referrals",
                    new { clientId = clients[client], needId = needs[need], serviceId = services[service], urgency }, "referralId");
                return true;
            }
            catch (GatewayRefused)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        await warnings.WriteLineAsync($"Warning: the demo referral {key} was refused for 60 s; is the referrals service consuming intake's events?");
        return false;
    }

    /// <summary>The partner organisation of the service answers the referral.</summary>
    private async Task ActAsync(string referral, string service, string action, object body)
    {
        var organisation = organisationOf[service];
        var partner = await gateway.TokenAsync($"staff-{organisation.ToString()[..8]}", "partner", "milan-central", organisation);
        await TryAsync($"{action} on the demo referral {referral}",
            () => gateway.PostAsync(partner, $"/api/referrals/referrals/{referrals[referral]}/{action}", body));
    }

    private async Task TryAsync(string what, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (GatewayRefused refused)
        {
            await warnings.WriteLineAsync($"Warning: {what} was refused: {refused.Message}");
        }
    }
}
