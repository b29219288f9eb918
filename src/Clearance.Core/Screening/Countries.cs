using System.Collections.Frozen;

namespace Clearance.Core.Screening;

/// <summary>
/// Maps the country names that restricted-party lists print ("Korea, North", "Iran (Islamic Republic of)", "Burma")
/// to ISO 3166-1 alpha-2 codes, so a party's country can be compared with an entry's whatever the list's spelling.
/// Regions that lists print instead of a country (Crimea, Gaza, West Bank) map to the code the region lies in or
/// is administered under in ISO 3166 (UA, PS). Unknown names give null: the raw text stays in the address.
/// </summary>
public static class Countries
{
    private static readonly FrozenDictionary<string, string> ByName = Build();

    private static readonly FrozenSet<string> Codes = ByName.Values.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The ISO code for a country name or code, or null when the text names no known country.</summary>
    public static string? Code(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = Key(text);
        if (key.Length == 2 && IsCode(key))
        {
            return key.ToUpperInvariant();
        }

        return ByName.GetValueOrDefault(key);
    }

    private static bool IsCode(string key) => Codes.Contains(key.ToUpperInvariant());

    private static string Key(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("Region:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed["Region:".Length..];
        }

        return string.Join(' ', trimmed.ToLowerInvariant().Split([' ', ',', '(', ')', '.', '\''], StringSplitOptions.RemoveEmptyEntries));
    }

    private static FrozenDictionary<string, string> Build()
    {
        // name|name|…=CODE; names as the OFAC, CSL, UN and DPL files print them, plus the common English names.
        const string Table = """
            afghanistan=AF;albania=AL;algeria=DZ;andorra=AD;angola=AO;argentina=AR;armenia=AM;aruba=AW;australia=AU;austria=AT;
            azerbaijan=AZ;bahamas|bahamas the|the bahamas=BS;bahrain=BH;bangladesh=BD;barbados=BB;belarus=BY;belgium=BE;belize=BZ;
            benin=BJ;bermuda=BM;bhutan=BT;bolivia|bolivia plurinational state of=BO;bosnia and herzegovina=BA;botswana=BW;brazil=BR;
            brunei|brunei darussalam=BN;bulgaria=BG;burkina faso=BF;burma|myanmar=MM;burundi=BI;cambodia=KH;cameroon=CM;canada=CA;
            cayman islands=KY;central african republic=CF;chad=TD;chile=CL;china|people's republic of china|prc=CN;colombia=CO;comoros=KM;
            congo democratic republic of the|democratic republic of the congo|drc|congo kinshasa=CD;
            congo republic of the|republic of the congo|congo|congo brazzaville=CG;costa rica=CR;cote d ivoire|cote divoire|ivory coast=CI;
            croatia=HR;cuba=CU;cyprus=CY;czech republic|czechia=CZ;denmark=DK;djibouti=DJ;dominica=DM;dominican republic=DO;ecuador=EC;
            egypt=EG;el salvador=SV;equatorial guinea=GQ;eritrea=ER;estonia=EE;eswatini|swaziland=SZ;ethiopia=ET;fiji=FJ;finland=FI;
            france=FR;gabon=GA;gambia|the gambia|gambia the=GM;georgia=GE;germany=DE;ghana=GH;gibraltar=GI;greece=GR;guatemala=GT;
            guernsey=GG;guinea=GN;guinea-bissau|guinea bissau=GW;guyana=GY;haiti=HT;honduras=HN;
            hong kong|china hong kong special administrative region=HK;hungary=HU;iceland=IS;india=IN;indonesia=ID;
            iran|iran islamic republic of=IR;iraq=IQ;ireland=IE;israel=IL;italy=IT;jamaica=JM;japan=JP;jersey=JE;jordan=JO;
            kazakhstan=KZ;kenya=KE;korea north|north korea|democratic people's republic of korea|dprk=KP;
            korea south|south korea|republic of korea=KR;kosovo=XK;kuwait=KW;kyrgyzstan=KG;laos|lao people's democratic republic=LA;
            latvia=LV;lebanon=LB;lesotho=LS;liberia=LR;libya=LY;liechtenstein=LI;lithuania=LT;luxembourg=LU;macau|macao=MO;
            madagascar=MG;malawi=MW;malaysia=MY;maldives=MV;mali|northern mali=ML;malta=MT;man isle of|isle of man=IM;
            marshall islands=MH;mauritania=MR;mauritius=MU;mexico=MX;moldova|republic of moldova=MD;monaco=MC;mongolia=MN;
            montenegro=ME;morocco=MA;mozambique=MZ;namibia=NA;nepal=NP;netherlands=NL;netherlands antilles=AN;new zealand=NZ;
            nicaragua=NI;niger=NE;nigeria=NG;north macedonia|north macedonia the republic of|macedonia=MK;norway=NO;oman=OM;
            pakistan=PK;palau=PW;palestinian|state of palestine|palestine|west bank|gaza=PS;panama=PA;papua new guinea=PG;
            paraguay=PY;peru=PE;philippines=PH;poland=PL;portugal=PT;qatar=QA;romania=RO;russia|russian federation=RU;rwanda=RW;
            saint kitts and nevis=KN;saint lucia=LC;saint vincent and the grenadines=VC;samoa=WS;san marino=SM;saudi arabia=SA;
            senegal=SN;serbia=RS;seychelles=SC;sierra leone=SL;singapore=SG;slovakia=SK;slovenia=SI;somalia=SO;south africa=ZA;
            south sudan=SS;spain=ES;sri lanka=LK;sudan=SD;suriname=SR;sweden=SE;switzerland=CH;syria|syrian arab republic=SY;
            taiwan=TW;tajikistan=TJ;tanzania|united republic of tanzania=TZ;thailand=TH;togo=TG;trinidad and tobago=TT;tunisia=TN;
            turkey|turkiye|türkiye=TR;turkmenistan=TM;uganda=UG;ukraine|crimea=UA;united arab emirates|uae=AE;
            united kingdom|united kingdom of great britain and northern ireland|uk|great britain=GB;
            united states|united states of america|usa|us=US;uruguay=UY;uzbekistan=UZ;vanuatu=VU;
            venezuela|venezuela bolivarian republic of=VE;vietnam|viet nam=VN;virgin islands british|british virgin islands=VG;
            yemen=YE;zambia=ZM;zimbabwe=ZW;east timor|timor-leste|timor leste=TL;puerto rico=PR;estonia=EE;lithuania=LT;
            luxembourg=LU;iceland=IS;cyprus=CY;malta=MT;georgia=GE;armenia=AM;greenland=GL;new caledonia=NC;kosovo=XK;
            antigua and barbuda=AG;grenada=GD;saint lucia=LC;cabo verde|cape verde=CV;sao tome and principe=ST;
            somaliland=SO;western sahara=EH;vatican|holy see=VA;micronesia=FM;tonga=TO;tuvalu=TV;kiribati=KI;nauru=NR;
            solomon islands=SB;mauritius=MU;madagascar=MG;malawi=MW;mozambique=MZ;lesotho=LS;eswatini=SZ;gabon=GA;
            equatorial guinea=GQ;guinea=GN;sierra leone=SL;liberia=LR;togo=TG;benin=BJ;chad=TD;sudan=SD;south sudan=SS;
            djibouti=DJ;eritrea=ER;burundi=BI;zambia=ZM;angola=AO;namibia=NA;botswana=BW;cameroon=CM;central african republic=CF
            """;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Table.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (names, code) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            foreach (var name in names.Split('|'))
            {
                map[Key(name)] = code;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
