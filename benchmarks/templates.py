"""Sentence templates of the family's stories, English and Russian side by side.

A paragraph is a sequence of groups; one sentence is picked from each group. The
slots (`{city.prep}`, `{org.v[провёл]}`) are those of newsroom.plan_story. A
person appears in one paragraph only: introduced with a title, then by name or
pronoun. The string FACTS stands for the facts of the story's field.
"""
from __future__ import annotations

from .grammar import Pair as P

Group = tuple[P, ...] | str
FACTS = "facts"

HEADLINES = {
    "training": (
        P("{count.en} {group.en} of {country.en} trained in {skill1.en}",
          "{count.ru} {group.gen} {country.gen} прошли обучение по вопросам {skill1.gen}"),
        P("New skills in {skill1.en} for {group.en} in {city.en}",
          "Новые знания в области {skill1.gen} для {group.gen} в {city.prep}"),
        P("UNODC helps {group.en} of {country.en} get better at {skill1.en}",
          "УНП ООН помогает {group.dat} {country.gen} совершенствовать навыки {skill1.gen}"),
        P("{group.en} and {group2.en} train together in {city.en}",
          "{group.nom} и {group2.nom} прошли совместное обучение в {city.prep}"),
    ),
    "meeting": (
        P("{city.en} {event.en} discusses {theme.en}", "В {city.prep} обсудили вопросы {theme.ru}"),
        P("{country.en} and partners agree on next steps in {field.en}",
          "{country.nom} и партнёры согласовали дальнейшие шаги в области {field.ru}"),
        P("Experts from {several.en} countries meet in {city.en} to discuss {theme.en}",
          "Эксперты из {several.ru} стран обсудили в {city.prep} вопросы {theme.ru}"),
    ),
    "visit": (
        P("{group.en} from {country.en} study the experience of {host.en} in {skill1.en}",
          "{group.nom} {country.gen} изучили опыт {host.gen} в области {skill1.gen}"),
        P("Study visit to {host.en} opens new doors for cooperation in {field.en}",
          "Ознакомительный визит в {host.acc} открывает новые возможности для сотрудничества в области {field.ru}"),
        P("What {group.en} of {country.en} learned in {host_city.en}",
          "Чему {group.nom} {country.gen} научились в {host_city.prep}"),
    ),
}

LEADS = {
    "training": (
        P("{when.en}, {org.en} and {partner.en} trained {count.en} {group.en} in {skill1.en} and {skill2.en} "
          "during a {days_event.en} in {city.en}.",
          "{when.ru} {org.nom} совместно с {partner.ins} {org.v[провёл]} в {city.prep} {days_event.ru} для "
          "{count.ru} {group.gen}, {event.v[посвящённый]} {skill1.dat} и {skill2.dat}."),
        P("How can {group.en} get better at {skill1.en}? Participants of a {days_event.en} held in {city.en} "
          "{when.en} by {org.en} and {partner.en} looked for the answer.",
          "Как {group.dat} эффективнее решать задачи в области {skill1.gen}? Ответ на этот вопрос {when.ru} "
          "искали в {city.prep} участники {days_event_gen.ru}, {event.v[проведённого]} {org.ins} совместно "
          "с {partner.ins}."),
        P("{org.en} and {partner.en} have completed a {days_event.en} in {city.en} for {group.en} and "
          "{group2.en}, focused on {skill1.en} and {skill3.en}.",
          "{org.nom} и {partner.nom} завершили в {city.prep} {days_event.ru} для {group.gen} и {group2.gen}, "
          "{event.v[посвящённый]} {skill1.dat} и {skill3.dat}."),
    ),
    "meeting": (
        P("Senior officials and experts from {several.en} countries met in {city.en} {when.en} to discuss "
          "{theme.en} and to agree on joint steps for the year ahead.",
          "{when.ru} в {city.prep} руководители и эксперты из {several.ru} стран обсудили вопросы {theme.ru} "
          "и согласовали совместные шаги на предстоящий год."),
        P("What should the region do next about {theme.en}? Participants of a {event.en} held in {city.en} "
          "{when.en} by {org.en} and {partner.en} looked for the answer.",
          "Что предпринять региону в вопросах {theme.ru}? Ответ на этот вопрос {when.ru} искали в {city.prep} "
          "участники {event.gen}, {event.v[проведённого]} {org.ins} совместно с {partner.ins}."),
    ),
    "visit": (
        P("A delegation of {group.en} from {country.en} spent {days.en} days in {host.en} {when.en}, learning "
          "from their colleagues' experience in {skill1.en}.",
          "{when.ru} делегация {group.gen} {country.gen} провела {days.acc} в {host.prep}, знакомясь с опытом "
          "коллег в области {skill1.gen}."),
        P("What can {country.en} learn from {host.en} about {skill1.en}? A delegation of {group.en} went to "
          "{host_city.en} {when.en} to find out.",
          "Чему {country.nom} может научиться у {host.gen} в области {skill1.gen}? Чтобы ответить на этот "
          "вопрос, {when.ru} в {host_city.prep} побывала делегация {group.gen}."),
    ),
    # A second sentence for a lead the first left short.
    "more": (
        P("It is part of {programme.en}, funded by {donor.en}.",
          "Мероприятие проведено в рамках {programme.ru} при финансовой поддержке {donor.gen}."),
        P("The work continues a partnership that began in {since_year}.",
          "Эта работа продолжает партнёрство, начатое в {since_year}\u00a0году."),
        P("{donor.en} supported the event.", "Мероприятие состоялось при поддержке {donor.gen}."),
    ),
}

OPENINGS: dict[str, tuple[Group, ...]] = {
    "training": (
        (P("{when.en}, {org.en} and {partner.en} held a {days_event.en} in {city.en} for {count.en} {group.en} "
           "from across the country.",
           "{when.ru} {org.nom} совместно с {partner.ins} {org.v[провёл]} в {city.prep} {days_event.ru} для "
           "{count.ru} {group.gen} из разных регионов страны."),
         P("{org.en} and {partner.en} organized a {days_event.en} in {city.en} {when.en}, attended by "
           "{count.en} {group.en} from {country.en}.",
           "{when.ru} {org.nom} совместно с {partner.ins} {org.v[организовал]} в {city.prep} {days_event.ru}, "
           "в {event.v[котором]} приняли участие {count.ru} {group.gen} {country.gen}."),
         P("{when.en}, {org.en} brought together {count.en} {group.en} and {group2.en} in {city.en} for a "
           "{days_event.en} on {skill1.en}.",
           "{when.ru} {org.nom} {org.v[собрал]} в {city.prep} {count.ru} {group.gen} и {group2.gen} на "
           "{days_event.ru} по вопросам {skill1.gen}.")),
        (P("The {event.en} aimed to strengthen their skills in {skill1.en} and {skill2.en}.",
           "{event.nom} {event.v[был направлен]} на развитие их навыков в области {skill1.gen} и {skill2.gen}."),
         P("Its programme covered {skill1.en}, {skill2.en} and {skill3.en}.",
           "В программу {event.gen} вошли такие темы, как {skill1.nom}, {skill2.nom} и {skill3.nom}."),
         P("Participants practised {skill2.en} and {skill3.en} in exercises built on real cases from the region.",
           "Участники отработали навыки {skill2.gen} и {skill3.gen} в ходе упражнений, основанных на реальных "
           "случаях из практики стран региона.")),
        (P("The {event.en} is part of {programme.en}, funded by {donor.en}.",
           "{event.nom} {event.v[проведён]} в рамках {programme.ru} при финансовой поддержке {donor.gen}."),
         P("{partner.en} had asked for the training after a review of its needs last year.",
           "{partner.nom} {partner.v[обратился]} с просьбой о проведении обучения по итогам прошлогодней "
           "оценки своих потребностей."),
         P("Trainers came from UNODC, from national training academies and from partner services in the region.",
           "В качестве тренеров выступили эксперты УНП ООН, преподаватели национальных учебных заведений "
           "и специалисты партнёрских служб из стран региона.")),
    ),
    "meeting": (
        (P("{when.en}, {org.en} and {partner.en} hosted a {event.en} in {city.en} on {theme.en}.",
           "{when.ru} в {city.prep} {event.v[состоялся]} {event.nom} по вопросам {theme.ru}, "
           "{event.v[организованный]} {org.ins} совместно с {partner.ins}."),
         P("Representatives of {partner.en}, {partner2.en} and international partners gathered in {city.en} "
           "{when.en} to discuss {theme.en}.",
           "{when.ru} представители {partner.gen}, {partner2.gen} и международных партнёров собрались "
           "в {city.prep}, чтобы обсудить вопросы {theme.ru}."),
         P("{org.en} convened a {days_event.en} in {city.en} {when.en} to take stock of {theme.en}.",
           "{when.ru} {org.nom} {org.v[провёл]} в {city.prep} {days_event.ru} по вопросам {theme.ru}.")),
        (P("It brought together {count.en} senior officials and experts from {several.en} countries.",
           "В работе {event.gen} приняли участие {count.ru} руководителей и экспертов из {several.ru} стран."),
         P("Around the table sat {count.en} participants, among them heads of agencies, diplomats and "
           "representatives of civil society.",
           "За столом переговоров собрались {count.ru} участников, среди них руководители ведомств, дипломаты "
           "и представители гражданского общества.")),
        (P("The participants reviewed the results of the past year and the work plan for {year}.",
           "Участники подвели итоги прошедшего года и рассмотрели план работы на {year}\u00a0год."),
         P("The agenda covered {skill1.en}, {skill2.en} and the funding of joint projects.",
           "В повестку дня вошли вопросы {skill1.gen}, {skill2.gen} и финансирования совместных проектов.")),
    ),
    "visit": (
        (P("{when.en}, a delegation of {delegates.en} {group.en} from {country.en} visited {host.en} to study its "
           "experience in {skill1.en}.",
           "{when.ru} делегация из {delegates.ru} {group.gen} {country.gen} посетила {host.acc}, чтобы изучить опыт "
           "этой страны в области {skill1.gen}."),
         P("A group of {delegates.en} {group.en} from {country.en} spent {days.en} days in {host.en} {when.en}, "
           "learning how their colleagues there approach {skill1.en}.",
           "{when.ru} группа из {delegates.ru} {group.gen} {country.gen} провела {days.acc} в {host.prep}, "
           "знакомясь с опытом коллег в области {skill1.gen}.")),
        (P("The visit was organized by {org.en} at the request of {partner.en}.",
           "Визит был организован {org.ins} по просьбе {partner.gen}."),
         P("{org.en} organized the visit together with {host_agency.en}.",
           "{org.nom} {org.v[организовал]} визит совместно с {host_agency.ins}.")),
        (P("In {host_city.en}, the delegation met officials of {host_agency.en} and visited {site.en}.",
           "В {host_city.prep} делегация встретилась с представителями {host_agency.gen} и посетила {site.ru}."),
         P("The delegation's days in {host_city.en} were full: meetings at {host_agency.en} in the morning, "
           "practical sessions in the afternoon.",
           "Программа делегации в {host_city.prep} была насыщенной: утром — встречи в {host_agency.prep}, "
           "после обеда — практические занятия.")),
    ),
}

ALL = ("training", "meeting", "visit")
# name: (the story kinds it suits, its sentence groups, whether a long story may use it twice)
MIDDLES: dict[str, tuple[tuple[str, ...], tuple[Group, ...], bool]] = {
    "reform": (ALL, (
        (P("The {event.en} comes at a time of change for {partner.en}.",
           "{event.nom} {event.v[прошёл]} в период серьёзных перемен для {partner.gen}."),
         P("{partner.en} is in the middle of a reform that will change how it recruits and trains its staff.",
           "{partner.nom} {partner.v[проводит]} реформу, которая изменит систему набора и подготовки кадров.")),
        (P("A new law adopted last year gives it wider powers but also stricter rules of accountability.",
           "Принятый в прошлом году закон расширил {partner.v[его]} полномочия, но и ужесточил требования "
           "к подотчётности."),
         P("The government has set the goal of meeting international standards in {field.en} by {prog_end}.",
           "Правительство поставило цель привести деятельность в области {field.ru} в соответствие "
           "с международными стандартами к {prog_end}\u00a0году.")),
        (P("UNODC supports the reform with advice on legislation, training and equipment.",
           "УНП ООН поддерживает реформу, оказывая консультативную помощь в совершенствовании законодательства, "
           "а также содействие в обучении кадров и оснащении."),
         P("Events such as this one are among the main tools of that support.",
           "Мероприятия, подобные этому, — один из главных инструментов такой поддержки.")),
    ), False),
    "follow_up": (("training",), (
        (P("Each participant left with a personal action plan for the next six months.",
           "Каждый участник уехал с личным планом действий на ближайшие шесть месяцев."),
         P("Before leaving, each team drew up a short plan of what it will change at work.",
           "Перед отъездом каждая команда составила короткий план изменений, которые она внесёт в свою работу.")),
        (P("UNODC trainers will follow up with visits to {city2.en} and other regions to see how the plans are "
           "carried out.",
           "Тренеры УНП ООН проведут выездные консультации в {city2.prep} и других регионах, чтобы оценить "
           "выполнение планов."),
         P("An online group lets the participants keep asking the trainers questions.",
           "В онлайн-группе участники могут и дальше задавать вопросы тренерам.")),
        (P("The best plans will be presented at a national conference in {year_next}.",
           "Лучшие планы будут представлены на национальной конференции в {year_next}\u00a0году."),
         P("{partner.en} has promised to support the participants in putting their plans into practice.",
           "{partner.nom} {partner.v[пообещал]} поддержать участников в реализации их планов.")),
    ), False),
    "trainers": (("training",), (
        (P("The trainers came from {neighbour.en}, from UNODC and from the national academy of {partner.en}.",
           "В качестве тренеров выступили специалисты из {neighbour.gen}, эксперты УНП ООН и преподаватели "
           "учебного заведения {partner.gen}."),
         P("Among the trainers were two international experts and two national instructors trained by UNODC "
           "last year.",
           "Среди тренеров были два международных эксперта и два национальных инструктора, подготовленных "
           "УНП ООН в прошлом году.")),
        (P("Most of them have worked in the field themselves for many years.",
           "Большинство из них сами много лет проработали в этой сфере."),
         P("Each of them brought cases from their own practice.",
           "Каждый из них привёл примеры из собственной практики.")),
        (P("This mix of international and national experience was what the participants valued most.",
           "Именно это сочетание международного и национального опыта участники оценили выше всего."),
         P("The national instructors will now run the course on their own, with UNODC providing materials and "
           "advice.",
           "Теперь национальные инструкторы будут вести курс самостоятельно, а УНП ООН обеспечит их материалами "
           "и консультациями.")),
    ), False),
    "expert_view": (ALL, (
        (P("“{q4.en}”, said {expert.en}, {expert.title_en}.",
           "«{q4.ru}», — {expert.v[сказал]} {expert.title_ru} {expert.ru}."),),
        (P("{expert.he.en} has worked with agencies across the region for more than ten years.",
           "{expert.he.ru} более десяти лет работает с ведомствами стран региона."),
         P("{expert.he.en} has taken part in similar work in {neighbour.en} and {host.en}.",
           "{expert.he.ru} {expert.v[участвовал]} в подобной работе в {neighbour.prep} и {host.prep}.")),
        (P("In {expert.his.en} view, the next step is to make such courses part of the national curriculum.",
           "По {expert.his.ru} мнению, следующим шагом должно стать включение таких курсов в национальные "
           "учебные программы."),
         P("{expert.he.en} believes that the results will show within a year.",
           "{expert.he.ru} уверен, что результаты станут заметны уже в течение года.")),
    ), False),
    "challenges": (ALL, (
        (P("The participants also spoke frankly about the obstacles they meet at work: high staff turnover, old "
           "equipment and long distances between posts.",
           "Участники откровенно рассказали и о трудностях, с которыми сталкиваются в работе: высокой текучести "
           "кадров, устаревшем оборудовании и больших расстояниях между подразделениями."),
         P("Not everything is easy: many of the participants serve in remote districts, hours away from the "
           "nearest town.",
           "Не всё даётся легко: многие участники служат в отдалённых районах, в нескольких часах езды "
           "от ближайшего города.")),
        (P("Several of them said that a lack of clear procedures slows down cooperation with other agencies.",
           "Некоторые из них отметили, что отсутствие чётких процедур замедляет взаимодействие с другими "
           "ведомствами."),
         P("Salaries remain low, and trained specialists are often lured away by the private sector.",
           "Заработная плата по-прежнему невысока, и подготовленных специалистов нередко переманивает частный "
           "сектор.")),
        (P("{org.en} will take these concerns into account when planning the next phase of {programme.en}.",
           "{org.nom} учтёт эти замечания при планировании следующего этапа {programme.ru}."),
         P("Their suggestions will feed into a needs assessment that {partner.en} is preparing with UNODC.",
           "Их предложения войдут в оценку потребностей, которую {partner.nom} {partner.v[готовит]} совместно "
           "с УНП ООН.")),
    ), False),
    "media": (ALL, (
        (P("The {event.en} drew the attention of national television and several news websites.",
           "{event.nom} {event.v[привлёк]} внимание национального телевидения и ряда информационных сайтов."),
         P("Journalists were invited to the closing session and spoke with several participants.",
           "На заключительную сессию были приглашены журналисты, которые побеседовали с несколькими "
           "участниками.")),
        (P("Coverage of such events helps to explain to the public why {field.en} matters for everyone's safety.",
           "Освещение подобных мероприятий помогает объяснить обществу, почему вопросы {field.ru} важны "
           "для безопасности каждого."),),
        (P("{partner.en} has published a short report on the results on its website.",
           "{partner.nom} {partner.v[опубликовал]} на своём сайте краткий отчёт о результатах."),
         P("A short film made during the {event.en} will be shown at the next meeting of donors.",
           "Короткий фильм, снятый во время {event.gen}, будет показан на следующей встрече доноров.")),
    ), False),
    "partnership": (ALL, (
        (P("{partner.en} and UNODC have worked together since {since_year}.",
           "{partner.nom} и УНП ООН сотрудничают с {since_year} года."),
         P("The cooperation between {partner.en} and UNODC goes back to {since_year}.",
           "Сотрудничество {partner.gen} и УНП ООН началось в {since_year}\u00a0году.")),
        (P("Over these years, the partners have trained staff, renovated training rooms and drafted new "
           "regulations together.",
           "За эти годы партнёры совместно обучили специалистов, отремонтировали учебные классы и подготовили "
           "проекты новых нормативных актов."),
         P("Together they have supported {n_sites.en} units across the country.",
           "За это время совместными усилиями была оказана поддержка {n_sites.ru} подразделениям по всей "
           "стране.")),
        (P("A memorandum signed last year sets out the priorities until {prog_end}.",
           "Подписанный в прошлом году меморандум определяет приоритеты сотрудничества до {prog_end}\u00a0года."),),
    ), False),
    "practice": (("training",), (
        (P("Practical exercises took up more than half of the time.",
           "Практические занятия заняли больше половины учебного времени."),
         P("Role plays put the participants in the shoes of both the officer and the person in front of them.",
           "Ролевые игры позволили участникам побывать в роли как сотрудника, так и человека, с которым он "
           "работает.")),
        (P("Working in small groups, they went through {skill6.en} step by step and presented their conclusions "
           "to the others.",
           "Работая в небольших группах, они шаг за шагом разобрали вопросы {skill6.gen} и представили свои "
           "выводы остальным участникам."),
         P("Video recordings of the exercises were reviewed together, mistake by mistake.",
           "Видеозаписи упражнений разбирались вместе, ошибка за ошибкой.")),
        (P("The trainers noted how quickly the groups became more confident.",
           "Тренеры отметили, как быстро участники стали действовать увереннее."),
         P("By the end of the course, each team could handle a complex case on its own.",
           "К концу курса каждая команда могла самостоятельно справиться со сложным случаем.")),
    ), False),
    "presentations": (("meeting",), (
        (P("Delegations from {neighbour.en} and {host.en} presented their national strategies.",
           "Делегации {neighbour.gen} и {host.gen} представили свои национальные стратегии."),
         P("Each country presented its national report, followed by questions from the floor.",
           "Каждая страна представила национальный доклад, после чего участники задали вопросы.")),
        (P("The discussion showed that the countries face similar problems but answer them in different ways.",
           "Обсуждение показало, что страны сталкиваются со схожими проблемами, но решают их по-разному."),
         P("Several delegations offered to share their draft laws with the others.",
           "Несколько делегаций предложили поделиться с коллегами своими законопроектами.")),
        (P("The presentations will be published as a collection after the {event.en}.",
           "По итогам {event.gen} материалы выступлений будут изданы отдельным сборником."),),
    ), False),
    "visit_notes": (("visit",), (
        (P("The delegation was particularly interested in how {host_agency.en} trains its new staff.",
           "Особый интерес у делегации вызвала система подготовки новых сотрудников {host_agency.gen}."),
         P("Members of the delegation asked many questions about the legal basis of the work.",
           "Члены делегации задали много вопросов о правовой основе этой работы.")),
        (P("They also looked at how information moves between the central office and the regions.",
           "Они также ознакомились с тем, как организован обмен информацией между центральным аппаратом "
           "и регионами."),
         P("Some of the solutions they saw could be introduced in {country.en} at little cost.",
           "Некоторые из увиденных решений можно внедрить в {country.prep} без больших затрат.")),
        (P("On their return, the members of the delegation will prepare proposals for their leadership.",
           "По возвращении члены делегации подготовят предложения для своего руководства."),),
    ), False),
    "host_manual": (("visit",), (
        (P("The hosts gave the delegation copies of their handbook *{manual.en}*, translated into Russian.",
           "Принимающая сторона передала делегации экземпляры пособия *«{manual.ru}»*."),),
        (P("It describes step by step how {host_agency.en} organizes {skill1.en}.",
           "В нём пошагово описано, как в {host_agency.prep} организовано {skill1.nom}."),),
        (P("The delegation intends to adapt parts of it for training in {country.en}.",
           "Делегация намерена адаптировать отдельные его разделы для обучения в {country.prep}."),),
    ), False),
    "curriculum": (("training",), (
        (P("The programme combined short lectures with practical exercises on {skill4.en}, {skill5.en} and "
           "{skill6.en}.",
           "Программа сочетала короткие лекции с практическими занятиями по {skill4.dat}, {skill5.dat} "
           "и {skill6.dat}."),
         P("Particular attention was paid to {skill1.en}, an area in which {partner.en} had asked for support.",
           "Особое внимание было уделено {skill1.dat} — направлению, по которому {partner.nom} "
           "{partner.v[запросил]} поддержку."),
         P("Most of the time went to {skill4.en}, which the participants had named as their greatest need in "
           "a survey before the course.",
           "Больше всего времени было отведено {skill4.dat}: именно это направление участники назвали наиболее "
           "востребованным в опросе, проведённом перед началом курса.")),
        (P("Trainers used real cases from the region, reworked so that no suspect or victim could be recognised.",
           "Тренеры использовали реальные случаи из практики стран региона, изменив детали так, чтобы "
           "ни подозреваемых, ни пострадавших нельзя было узнать."),
         P("Each module ended with a short test, and the trainers adjusted the next day's sessions to its results.",
           "Каждый модуль завершался коротким тестом, и по его результатам тренеры корректировали занятия "
           "следующего дня."),
         P("Half of the sessions were held outside the classroom, in conditions close to those the officers "
           "meet at work.",
           "Половина занятий проходила за пределами учебного класса, в условиях, приближенных к тем, с которыми "
           "сотрудники сталкиваются в повседневной работе.")),
        (P("On the last day, the participants worked in teams through a full scenario, from the first alert "
           "to the hand-over of the case to investigators.",
           "В последний день участники в командах отработали полный сценарий — от первого сигнала до передачи "
           "материалов следователям."),
         P("In group work, the participants compared national procedures and looked for ways to make them "
           "faster.",
           "В ходе групповой работы участники сравнили национальные процедуры и обсудили, как сделать их более "
           "оперативными.")),
    ), True),
    "manual": (("training",), (
        (P("The {event.en} followed the UNODC manual *{manual.en}*, adapted to the national legislation of "
           "{country.en}.",
           "{event.nom} {event.v[построен]} на пособии УНП ООН *«{manual.ru}»*, адаптированном к национальному "
           "законодательству {country.gen}."),),
        (P("The manual was translated into the national language last year and is now used at the training "
           "academy of {partner.en}.",
           "В прошлом году пособие было переведено на государственный язык и сегодня используется в учебном "
           "заведении {partner.gen}."),
         P("Each participant received a copy of the manual to share with colleagues at work.",
           "Каждый участник получил экземпляр пособия, чтобы поделиться им с коллегами по службе.")),
        (P("Its chapters on {skill5.en} and {skill6.en} were discussed in detail, with examples from "
           "{country.en}.",
           "Главы, посвящённые {skill5.dat} и {skill6.dat}, были подробно разобраны на примерах из практики "
           "{country.gen}."),),
    ), False),
    "remarks_local": (("training", "meeting"), (
        (P("Opening the {event.en}, {local.en}, {local.title_en}, thanked UNODC and {donor.en} for their "
           "long-standing support.",
           "Открывая {event.acc}, {local.title_ru} {local.ru} {local.v[поблагодарил]} УНП ООН и {donor.acc} "
           "за многолетнюю поддержку."),
         P("{local.en}, {local.title_en}, welcomed the participants on behalf of {partner.en}.",
           "{local.title_ru} {local.ru} {local.v[приветствовал]} участников от имени {partner.gen}.")),
        (P("“{q1.en}”, said {local.short.en}.", "«{q1.ru}», — {local.v[сказал]} {local.short.ru}."),
         P("{local.he.en} stressed: “{q1.en}.”", "{local.he.ru} {local.v[подчеркнул]}: «{q1.ru}».")),
        (P("{local.he.en} added that {s1.en}.", "{local.he.ru} также {local.v[отметил]}, что {s1.ru}."),
         P("{local.short.en} also noted that {s1.en}.", "{local.short.ru} также {local.v[отметил]}, что {s1.ru}.")),
    ), False),
    "remarks_unodc": (ALL, (
        (P("{unodc.en}, {unodc.title_en}, said that {s2.en}.",
           "{unodc.title_ru} {unodc.ru} {unodc.v[заявил]}, что {s2.ru}."),
         P("Speaking for UNODC, {unodc.en}, {unodc.title_en}, noted that {s2.en}.",
           "Выступая от имени УНП ООН, {unodc.title_ru} {unodc.ru} {unodc.v[отметил]}, что {s2.ru}.")),
        (P("“{q2.en}”, {unodc.short.en} said.", "«{q2.ru}», — {unodc.v[подчеркнул]} {unodc.short.ru}."),),
        (P("{unodc.he.en} called on {partner.en} to keep the trained staff in their posts, so that the knowledge "
           "stays where it is needed.",
           "{unodc.he.ru} {unodc.v[призвал]} {partner.acc} сохранить подготовленных специалистов на их "
           "должностях, чтобы знания оставались там, где они нужны."),
         P("{unodc.he.en} thanked {donor.en} for making the work possible.",
           "{unodc.he.ru} {unodc.v[поблагодарил]} {donor.acc} за поддержку, благодаря которой эта работа стала "
           "возможной.")),
    ), False),
    "field_visit": (("training", "visit"), (
        (P("{nth.en}, the participants visited {site.en}, where they put what they had learned about "
           "{skill2.en} into practice.",
           "{nth.ru} участники посетили {site.ru}, где применили на практике полученные знания в области "
           "{skill2.gen}."),
         P("The programme also took the group to {site.en}.", "В рамках программы группа также посетила {site.ru}.")),
        (P("Staff there walked them through their daily routine and the difficulties they face.",
           "Сотрудники рассказали гостям о своей повседневной работе и о трудностях, с которыми им приходится "
           "сталкиваться."),
         P("Their hosts showed them how the work is organized, from the first check to the final report.",
           "Принимающая сторона показала, как организована работа — от первичной проверки до итогового отчёта.")),
        (P("The visit showed how much depends on good equipment, and how much more on trained people.",
           "Посещение наглядно показало, как много зависит от хорошего оборудования — и насколько больше "
           "от подготовленных людей."),
         P("Several participants said it was the first time they had seen such work done from start to finish.",
           "Некоторые участники признались, что впервые увидели такую работу от начала до конца.")),
    ), False),
    "facts": (ALL, (
        (P("The figures show why this work matters.", "Цифры показывают, почему эта работа так важна."),
         P("National data show the scale of the challenge.", "Национальные данные показывают масштаб проблемы."),
         P("The need for such work is plain.", "Потребность в такой работе очевидна.")),
        FACTS, FACTS,
    ), True),
    "participant": (("training", "visit"), (
        (P("“{q3.en}”, said {participant.en}, {participant.title_en}.",
           "«{q3.ru}», — {participant.v[поделился]} {participant.title_ru} {participant.ru}."),),
        (P("{participant.he.en} added that {participant.his.en} unit would hold a similar session for "
           "colleagues who could not attend.",
           "{participant.he.ru} {participant.v[добавил]}, что в {participant.his.ru} подразделении проведут "
           "аналогичное занятие для коллег, которые не смогли принять участие."),
         P("{participant.he.en} plans to share the course materials with colleagues at {participant.his.en} "
           "post.",
           "{participant.he.ru} планирует поделиться материалами курса с коллегами по службе.")),
        (P("Participants rated the {event.en} at {score.en} out of 5 on average.",
           "Участники в среднем оценили {event.acc} на {score.ru} балла из 5."),
         P("In the final evaluation, most participants asked for a longer course next time.",
           "В итоговой анкете большинство участников высказались за то, чтобы в следующий раз курс был более "
           "продолжительным.")),
    ), False),
    "regional": (("training", "meeting"), (
        (P("Trainers from {neighbour.en} shared their experience of {skill3.en}, and the two services agreed "
           "to stay in touch.",
           "Тренеры из {neighbour.gen} поделились опытом в области {skill3.gen}, и ведомства двух стран "
           "договорились поддерживать постоянный контакт."),
         P("Colleagues from {neighbour.en} also took part, which allowed the two countries to compare their "
           "procedures.",
           "В работе {event.gen} также приняли участие коллеги из {neighbour.gen}, что позволило двум странам "
           "сравнить свои процедуры.")),
        (P("Such exchanges are at the heart of the regional approach that {org.en} promotes across Central Asia.",
           "Такие обмены опытом лежат в основе регионального подхода, который {org.nom} {org.v[продвигает]} "
           "во всей Центральной Азии."),
         P("Cases that cross borders need investigators who know their counterparts on the other side by name.",
           "Для расследования трансграничных дел нужны специалисты, которые лично знают своих коллег по другую "
           "сторону границы."),
         P("Exchanges of this kind are the everyday side of interstate cooperation in Central Asia.",
           "Такие обмены опытом — повседневная сторона межгосударственного сотрудничества в Центральной Азии.")),
        (P("A joint session with {neighbour.en} is planned for {year_next}.",
           "Совместное занятие с участием специалистов из {neighbour.gen} запланировано на {year_next}\u00a0год."),),
    ), False),
    "gender": (("training", "meeting"), (
        (P("Women made up {pct_women.en} of the participants, more than at any earlier {event.en} of this kind.",
           "Женщины составили {pct_women.ru} участников — больше, чем на любом из прежних мероприятий такого "
           "рода."),),
        (P("{org.en} encourages its partners to nominate women, whose presence makes it easier to work with "
           "women and children.",
           "{org.nom} {org.v[призывает]} партнёров чаще направлять на обучение женщин: их участие облегчает "
           "работу с женщинами и детьми."),),
        (P("In the past five years, the share of women in {partner.en} has grown to {pct_women2.en}.",
           "За последние пять лет доля женщин в {partner.prep} выросла до {pct_women2.ru}."),),
    ), False),
    "evaluation": (("training",), (
        (P("Tests before and after the {event.en} showed that the participants' knowledge grew by {gain.en} "
           "on average.",
           "Тестирование до и после {event.gen} показало, что знания участников выросли в среднем на {gain.ru}."),),
        (P("All {count.en} participants received certificates, and the best {best.en} were invited to join the "
           "pool of national trainers.",
           "Все {count.ru} участников получили сертификаты, а {best.ru} лучших были приглашены в группу "
           "национальных тренеров."),),
        (P("A follow-up survey in six months will show how the new skills are used at work.",
           "Через шесть месяцев повторный опрос покажет, как новые навыки применяются на практике."),),
    ), False),
    "history": (ALL, (
        (P("Since {since_year}, {org.en} has trained more than {n_trained.en} {group.en} in {country.en}.",
           "С {since_year} года {org.nom} {org.v[подготовил]} в {country.prep} более {n_trained.ru} {group.gen}."),
         P("This is not the first course of its kind: more than {n_trained.en} {group.en} in {country.en} have "
           "been trained since {since_year}.",
           "Это не первый курс такого рода: с {since_year} года в {country.prep} обучение прошли более "
           "{n_trained.ru} {group.gen}.")),
        (P("Many of them now teach the course themselves at the national training academy.",
           "Многие из них сегодня сами преподают этот курс в национальной учебной академии."),
         P("The course has since become part of the regular training of new recruits.",
           "С тех пор курс стал частью регулярной подготовки новых сотрудников.")),
    ), False),
    "equipment": (ALL, (
        (P("At the end of the {event.en}, {org.en} handed over {equip.en} worth {money.en} to {partner.en}.",
           "По завершении {event.gen} {org.nom} {org.v[передал]} {partner.dat} {equip.acc} на сумму {money.ru}."),),
        (P("The equipment will go where the need is greatest, starting with {city2.en}.",
           "Оборудование будет направлено туда, где в нём больше всего нуждаются, в первую очередь в "
           "{city2.prep}."),),
        (P("It was bought with funds provided by {donor.en}.",
           "Оно было закуплено на средства, предоставленные {donor.ins}."),),
    ), False),
    "donor_remarks": (ALL, (
        (P("{donor_rep.en}, {donor_rep.title_en}, said that {s3.en}.",
           "{donor_rep.title_ru} {donor_rep.ru} {donor_rep.v[заявил]}, что {s3.ru}."),),
        (P("{donor_rep.he.en} confirmed that {donor.en} would continue to support the work in {year_next}.",
           "{donor_rep.he.ru} {donor_rep.v[подтвердил]}, что {donor.nom} продолжит поддерживать эту работу "
           "и в {year_next}\u00a0году."),
         P("{donor_rep.he.en} said that {donor.en} was proud to stand beside {country.en} in this work.",
           "{donor_rep.he.ru} {donor_rep.v[отметил]}, что {donor.nom} гордится возможностью поддерживать "
           "{country.acc} в этой работе.")),
    ), False),
    "sessions": (("meeting",), (
        (P("In the first session, each delegation presented the situation in its country and the main results "
           "of the year.",
           "На первой сессии каждая делегация рассказала о ситуации в своей стране и об основных результатах "
           "года."),
         P("The first day was given to national reports, the second to joint projects.",
           "Первый день был посвящён национальным докладам, второй — совместным проектам.")),
        (P("A separate session dealt with {skill3.en} and {skill4.en}, where the needs of the countries differ "
           "most.",
           "Отдельная сессия была посвящена {skill3.dat} и {skill4.dat} — направлениям, в которых потребности "
           "стран различаются сильнее всего."),
         P("Working groups then discussed {skill5.en} and drafted recommendations for the heads of agencies.",
           "Затем рабочие группы обсудили вопросы {skill5.gen} и подготовили рекомендации для руководителей "
           "ведомств.")),
        (P("Experts from UNODC presented the latest regional data and answered questions from the delegations.",
           "Эксперты УНП ООН представили последние региональные данные и ответили на вопросы делегаций."),
         P("Representatives of civil society spoke about the view from the ground.",
           "Представители гражданского общества рассказали о ситуации на местах.")),
    ), True),
    "declaration": (("meeting",), (
        (P("The {event.en} closed with the adoption of the *Joint Action Plan for {year}–{year_next}* on {theme.en}.",
           "{event.nom} {event.v[завершился]} принятием *Совместного плана действий на {year}–{year_next}\u00a0годы* "
           "по вопросам {theme.ru}."),),
        (P("The plan calls for closer cooperation between agencies and for regular exchanges of information.",
           "В плане содержится призыв к более тесному взаимодействию между ведомствами и регулярному обмену "
           "информацией."),),
        (P("It will be presented to the governments of the region in {next_month.en}.",
           "План будет представлен правительствам стран региона в {next_month.prep}."),),
    ), False),
    "host_remarks": (("visit",), (
        (P("{host_official.en}, {host_official.title_en}, told the guests about the reforms of recent years.",
           "{host_official.title_ru} {host_official.ru} {host_official.v[рассказал]} гостям о реформах последних "
           "лет."),),
        (P("“We learn from each other, and today we are glad to share what has worked for us”, said "
           "{host_official.short.en}.",
           "«Мы учимся друг у друга, и сегодня рады поделиться тем, что оказалось эффективным у нас», — "
           "{host_official.v[сказал]} {host_official.short.ru}."),),
        (P("The two sides agreed to keep in contact and to exchange training materials.",
           "Стороны договорились поддерживать контакт и обмениваться учебными материалами."),),
    ), False),
    "agreements": (ALL, (), False),      # an introduction and a list: newsroom.agreements
}

# Where a paragraph sits: who spoke first comes first, thanks and history come last.
EARLY = ("remarks_local", "remarks_unodc", "sessions", "host_remarks")
LATE = ("equipment", "donor_remarks", "history", "partnership", "media")
# The paragraph that carries *emphasis* (a title in italics) in each kind of story, used only when asked.
EMPHASIS = {"training": "manual", "meeting": "declaration", "visit": "host_manual"}

CLOSINGS: dict[str, tuple[Group, ...]] = {
    "training": (
        (P("The {event.en} was organized under {subprogramme.en} of {programme.en}, with funding from {donor.en}.",
           "{event.nom} {event.v[был организован]} в рамках {subprogramme.ru} {programme.ru} при финансовой "
           "поддержке {donor.gen}."),
         P("{donor.en} funded the {event.en} under {subprogramme.en} of {programme.en}.",
           "{event.nom} {event.v[проведён]} в рамках {subprogramme.ru} {programme.ru} на средства, "
           "предоставленные {donor.ins}.")),
        (P("A follow-up {event2.en} for {group2.en} is planned in {city2.en} in {next_month.en}.",
           "{event2.v[следующий]} {event2.nom} для {group2.gen} {event2.v[запланирован]} в {city2.prep} "
           "на {next_month.acc}."),
         P("{partner.en} and UNODC plan to hold the next {event2.en} in {city2.en} in {next_month.en}.",
           "{partner.nom} и УНП ООН планируют провести {event2.v[следующий]} {event2.acc} в {city2.prep} "
           "в {next_month.prep}.")),
        (P("Agencies wishing to send staff can contact the UNODC Programme Office in {country.en}.",
           "Ведомства, желающие направить своих сотрудников на обучение, могут обратиться в Программный офис "
           "УНП ООН в {country.prep}."),
         P("The course materials are available to all partner agencies on request.",
           "Учебные материалы курса предоставляются всем партнёрским ведомствам по запросу.")),
    ),
    "meeting": (
        (P("The {event.en} was held with the support of {donor.en} under {subprogramme.en} of {programme.en}.",
           "{event.nom} {event.v[проведён]} при поддержке {donor.gen} в рамках {subprogramme.ru} {programme.ru}."),),
        (P("The next {event.en} will be held in {city2.en} in {year_next}.",
           "{event.v[следующий]} {event.nom} пройдёт в {city2.prep} в {year_next}\u00a0году."),
         P("The partners will meet again in {next_month.en} to review progress.",
           "Партнёры вновь встретятся в {next_month.prep}, чтобы оценить достигнутый прогресс.")),
        (P("The report of the {event.en} will be sent to all the agencies that took part.",
           "Отчёт о работе {event.gen} будет направлен всем ведомствам, принявшим в ней участие."),
         P("Its conclusions will feed into the programme's work plan for {year_next}.",
           "Выводы {event.gen} будут учтены в плане работы программы на {year_next}\u00a0год.")),
    ),
    "visit": (
        (P("The visit was funded by {donor.en} under {programme.en}.",
           "Визит состоялся в рамках {programme.ru} при финансовой поддержке {donor.gen}."),),
        (P("A return visit of colleagues from {host.en} to {country.en} is planned for {year_next}.",
           "Ответный визит коллег из {host.gen} в {country.acc} запланирован на {year_next}\u00a0год."),
         P("The delegation will present its findings to the leadership of {partner.en} in {next_month.en}.",
           "В {next_month.prep} делегация представит свои выводы руководству {partner.gen}.")),
        (P("UNODC will help the delegation turn what it has learned into concrete proposals.",
           "УНП ООН поможет делегации превратить полученные знания в конкретные предложения."),
         P("The visit is one of a series of exchanges between the countries of the region.",
           "Визит стал частью серии обменов опытом между странами региона.")),
    ),
}
LINKS = (
    P("More about this work is on the [UNODC website for Central Asia](https://www.unodc.org/centralasia/).",
      "Подробнее об этой работе — на [сайте УНП ООН для Центральной Азии](https://www.unodc.org/centralasia/ru/)."),
    P("The programme's reports are published on [the UNODC website](https://www.unodc.org/).",
      "Отчёты программы публикуются на [сайте УНП ООН](https://www.unodc.org/)."),
)
AGREEMENT_INTROS = (
    P("At the close of the {event.en}, the participants agreed to:", "По итогам {event.gen} участники договорились:"),
    P("The participants agreed on several next steps. They will:",
      "Участники согласовали ряд дальнейших шагов и договорились:"),
    P("Among the decisions taken, {partner.en} and its partners agreed to:",
      "В числе принятых решений {partner.nom} и партнёры договорились:"),
)

# The first caption of each kind leads; the others are drawn for a story's later photos.
CAPTIONS = {
    "training": (
        P("Participants of the {event.en} in {city.en}, {date.en}.", "Участники {event.gen} в {city.prep}, {date.ru}."),
        P("A practical exercise during the {event.en} in {city.en}.",
          "Практическое занятие в ходе {event.gen} в {city.prep}."),
        P("{local.en}, {local.title_en}, opens the {event.en}.", "{local.title_ru} {local.ru} открывает {event.acc}."),
        P("{group.en} at work in {city.en}.", "{group.nom} за работой, {city.nom}."),
    ),
    "meeting": (
        P("Participants of the {event.en} in {city.en}, {date.en}.", "Участники {event.gen} в {city.prep}, {date.ru}."),
        P("The {event.en} in {city.en} brought together {count.en} participants.",
          "{event.nom} в {city.prep} {event.v[собрал]} {count.ru} участников."),
        P("{local.en}, {local.title_en}, speaks at the {event.en}.",
          "{local.title_ru} {local.ru} выступает на {event.prep}."),
        P("Delegations at work during a session of the {event.en}.",
          "Делегации за работой во время одной из сессий {event.gen}."),
    ),
    "visit": (
        P("Members of the delegation from {country.en} in {host_city.en}, {date.en}.",
          "Члены делегации {country.gen} в {host_city.prep}, {date.ru}."),
        P("The delegation visits {site.en}.", "Делегация посещает {site.ru}."),
        P("{host_official.en}, {host_official.title_en}, meets the delegation.",
          "{host_official.title_ru} {host_official.ru} на встрече с делегацией."),
    ),
    # A panorama shows the place rather than the people.
    "panorama": (
        P("{city.en}, where the {event.en} took place.", "{city.nom}, где {event.v[прошёл]} {event.nom}."),
    ),
}

FACTBOX_TITLES = (P("At a glance", "Коротко"), P("In numbers", "В цифрах"), P("Key facts", "Основные факты"))
FACTBOX_ITEMS = {
    "training": (
        P("{count.en} {group.en} trained in {city.en}", "{count.ru} {group.gen} прошли обучение в {city.prep}"),
        P("{days.en} days of lectures and practical exercises", "{days.acc} лекций и практических занятий"),
        P("{equip.en} worth {money.en} handed over to {partner.en}",
          "{partner.dat} {equip.v[передан]} {equip.acc} на сумму {money.ru}"),
        P("Women: {pct_women.en} of the participants", "Доля женщин среди участников — {pct_women.ru}"),
        P("Knowledge gain: {gain.en} on average", "Прирост знаний — в среднем {gain.ru}"),
        P("Funded by {donor.en}", "При финансовой поддержке {donor.gen}"),
    ),
    "meeting": (
        P("{count.en} participants from {several.en} countries", "{count.ru} участников из {several.ru} стран"),
        P("Host: {partner.en}", "Принимающая сторона — {partner.nom}"),
        P("Next meeting: {city2.en}, {year_next}", "Следующая встреча — {city2.nom}, {year_next}\u00a0год"),
        P("Supported by {donor.en}", "При поддержке {donor.gen}"),
        P("Women: {pct_women.en} of the participants", "Доля женщин среди участников — {pct_women.ru}"),
    ),
    "visit": (
        P("Delegation: {delegates.en} {group.en} from {country.en}",
          "Делегация: {delegates.ru} {group.gen} {country.gen}"),
        P("{days.en} days in {host.en}", "{days.acc} в {host.prep}"),
        P("Host: {host_agency.en}", "Принимающая сторона — {host_agency.nom}"),
        P("Funded by {donor.en}", "При финансовой поддержке {donor.gen}"),
    ),
}
