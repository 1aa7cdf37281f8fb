/**
 * Non-English documents: hand-written sentence pieces in real French, German, Spanish, Russian
 * and Chinese, combined by the RNG. Each language has a town article and web-style posts.
 */
import { pickN } from './random-choice.mjs';
import { fill } from './template-fill.mjs';

const ruPlural = (n, [one, few, many]) => {
  const m10 = n % 10,
    m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
};

const I18N = {
  fr: {
    vars: (r) => {
      const [dept, region] = r.pick([
        ['de la Dordogne', 'Nouvelle-Aquitaine'],
        ['du Finistère', 'Bretagne'],
        ["de la Côte-d'Or", 'Bourgogne-Franche-Comté'],
        ['du Var', "Provence-Alpes-Côte d'Azur"],
        ['de la Haute-Savoie', 'Auvergne-Rhône-Alpes'],
        ['du Calvados', 'Normandie'],
        ['de la Moselle', 'Grand Est'],
        ['du Gers', 'Occitanie'],
      ]);
      return {
        nom: `${r.pick(['Saint-Martin', 'Saint-Pierre', 'Sainte-Croix', 'Villeneuve', 'Montagnac', 'Beaulieu', 'Châteauneuf', 'Fontaine', 'Roche', 'Bourg'])}${r.pick(['-sur-Vézère', '-en-Vallée', '-les-Bains', '-la-Forêt', '-de-Rivière', '', '-le-Vieux', '-sur-Mer'])}`,
        dept,
        region,
        n: (q) => String(q.int(180, 9500)),
        sup: (q) => String(q.int(6, 60)),
        annee: (q) => String(q.int(980, 1250)),
        annee2: (q) => String(q.int(1905, 1990)),
        riviere: ['la Vézère', 'le Célé', 'la Sèvre', "l'Aveyron", 'la Loue', 'le Tarn'],
        fleuve: ['la Garonne', 'la Loire', 'le Rhône', 'la Seine', 'la Dordogne'],
        siecle: ['XIIe', 'XIIIe', 'XVe', 'XVIe'],
        saint: ['Martin', 'Pierre', 'Étienne', 'Laurent', 'Jean-Baptiste', 'Germain'],
        jour: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
        k: (q) => String(q.int(3, 25)),
        ville: ['Bordeaux', 'Lyon', 'Rennes', 'Dijon', 'Toulouse', 'Caen', 'Metz'],
        ville2: ['Limoges', 'Grenoble', 'Brest', 'Besançon', 'Auch', 'Rouen', 'Nancy'],
        plat: [
          'la tarte aux pommes',
          'le gratin dauphinois',
          'la quiche lorraine',
          "la soupe à l'oignon",
          'le clafoutis aux cerises',
          'la ratatouille',
        ],
        m: (q) => String(q.int(2, 8) * 5),
        t: (q) => String(q.pick([160, 180, 200, 210])),
        saison: ['été', 'automne', 'hiver', 'printemps'],
        alt: (q) => String(q.int(120, 1400)),
      };
    },
    title: (v) => v.nom,
    lead: [
      '{nom} est une commune française située dans le département {dept}, en région {region}.',
      'Au dernier recensement, la commune comptait {n} habitants.',
    ],
    sections: {
      Géographie: [
        "Le territoire communal s'étend sur {sup} kilomètres carrés, principalement couverts de forêts et de terres agricoles.",
        'Le village est traversé par {riviere}, qui se jette dans {fleuve} quelques kilomètres plus loin.',
        'La gare la plus proche se trouve à {k} kilomètres, sur la ligne de {ville} à {ville2}.',
        'Le climat est de type océanique, avec des hivers doux et des étés tempérés.',
        'Le point culminant de la commune atteint {alt} mètres.',
      ],
      Histoire: [
        "La première mention écrite du village remonte à l'an {annee}.",
        'Pendant la guerre de Cent Ans, le bourg fut plusieurs fois pillé puis reconstruit.',
        'La commune a perdu une grande partie de sa population au cours du XIXe siècle, lorsque de nombreux habitants sont partis travailler en ville.',
        "Au Moyen Âge, le village dépendait de l'abbaye voisine.",
        'Une voie romaine traversait déjà le territoire de la commune.',
      ],
      Économie: [
        "L'économie locale repose principalement sur l'agriculture, l'élevage et le tourisme vert.",
        "Un marché se tient chaque {jour} matin sur la place de l'église.",
        'La commune possède une école primaire, une bibliothèque et une salle des fêtes.',
        'Plusieurs artisans et une petite fromagerie sont installés dans le bourg.',
      ],
      Patrimoine: [
        "L'église Saint-{saint}, construite au {siecle} siècle, est inscrite aux monuments historiques depuis {annee2}.",
        'De nombreux sentiers de randonnée permettent de découvrir la vallée et les villages voisins.',
        'Chaque été, un festival de musique attire plusieurs milliers de visiteurs.',
        'Le lavoir communal, restauré en {annee2}, est un lieu de promenade apprécié.',
      ],
    },
    web: {
      recette: {
        title: 'Recette facile : {plat}',
        lines: [
          "Aujourd'hui, je vous propose une recette simple et rapide : {plat}.",
          'Comptez environ {m} minutes de préparation.',
          'Préchauffez le four à {t} degrés.',
          'Dans un saladier, mélangez la farine, le sucre et une pincée de sel.',
          'Ajoutez les œufs un par un, puis versez le lait petit à petit.',
          'Laissez reposer la pâte pendant au moins trente minutes.',
          "Servez tiède, accompagné d'une salade verte.",
          'Cette recette se conserve deux jours au réfrigérateur.',
          "N'hésitez pas à laisser un commentaire si vous avez des questions.",
          'Pour une version plus légère, remplacez la crème par du lait.',
          'Vous pouvez préparer la pâte la veille et la garder au frais.',
          'Décorez avec quelques feuilles de menthe avant de servir.',
          "Mes enfants adorent cette recette, et j'espère que les vôtres aussi !",
        ],
      },
      voyage: {
        title: 'Notre week-end à {ville}',
        lines: [
          "Nous avons passé trois jours à {ville} et nous avons adoré l'ambiance du vieux quartier.",
          "Si vous voyagez en {saison}, pensez à réserver votre hébergement à l'avance.",
          'Les transports en commun sont pratiques et peu chers.',
          'Le musée des beaux-arts mérite à lui seul le déplacement.',
          'Le soir, les terrasses des cafés sont pleines de monde.',
          'Pour manger, évitez les restaurants trop touristiques autour de la place principale.',
          'Nous reviendrons sans hésiter !',
          "Nous avons logé dans une petite chambre d'hôtes tenue par un couple très accueillant.",
          'Le marché couvert est idéal pour goûter les spécialités locales.',
          'Prévoyez de bonnes chaussures, car les rues pavées sont nombreuses.',
          'La vue depuis les remparts au coucher du soleil est magnifique.',
        ],
      },
      jardin: {
        title: 'Nos conseils pour le potager',
        lines: [
          'Voici nos conseils pour bien préparer le potager cette saison.',
          'Commencez par désherber soigneusement les parcelles.',
          'Ajoutez du compost pour enrichir la terre.',
          'Arrosez de préférence le soir, lorsque la chaleur est retombée.',
          'Les tomates et les courgettes demandent beaucoup de soleil.',
          "Pensez à pailler le sol pour limiter l'évaporation.",
          "N'oubliez pas de noter vos semis dans un carnet.",
          'Bon jardinage à toutes et à tous !',
        ],
      },
    },
  },
  de: {
    vars: (r) => {
      const [land, kreis, stadt] = r.pick([
        ['Bayern', 'Landkreis Rosenheim', 'Rosenheim'],
        ['Baden-Württemberg', 'Landkreis Tübingen', 'Tübingen'],
        ['Hessen', 'Vogelsbergkreis', 'Lauterbach'],
        ['Niedersachsen', 'Landkreis Celle', 'Celle'],
        ['Thüringen', 'Ilm-Kreis', 'Arnstadt'],
        ['Sachsen', 'Landkreis Meißen', 'Meißen'],
        ['Rheinland-Pfalz', 'Landkreis Cochem-Zell', 'Cochem'],
      ]);
      const pre = r.pick(['Ober', 'Unter', 'Neu', 'Alt', 'Groß', '', '']);
      const root = r.pick(['Wald', 'Lin', 'Rot', 'Eich', 'Mühl', 'Weiden', 'Ross', 'Buch', 'Hoch', 'Tann']);
      return {
        name: pre + (pre ? root.toLowerCase() : root) + r.pick(['bach', 'dorf', 'hausen', 'feld', 'heim', 'stein', 'au', 'brunn', 'berg']),
        land,
        kreis,
        stadt,
        n: (q) => String(q.int(400, 12000)),
        f: (q) => String(q.int(8, 70)),
        k: (q) => String(q.int(4, 30)),
        dir: ['nördlich', 'südlich', 'östlich', 'westlich'],
        fluss: ['Isar', 'Jagst', 'Lahn', 'Aller', 'Saale', 'Mosel', 'Ilm'],
        jahr: (q) => String(q.int(780, 1300)),
        jahr2: (q) => String(q.int(1550, 1780)),
        heilig: ['Martin', 'Georg', 'Nikolaus', 'Michael', 'Laurentius'],
        jh: ['17', '18'],
        hoehe: (q) => String(q.int(180, 1100)),
        gericht: ['Apfelstrudel', 'Kartoffelsalat', 'Linsensuppe', 'Käsespätzle', 'Zwiebelkuchen', 'Rinderrouladen'],
        t: ['170', '180', '200'],
        h: (q) => String(q.int(2, 6)),
        min: (q) => String(q.int(2, 8) * 5),
      };
    },
    title: (v) => v.name,
    lead: ['{name} ist eine Gemeinde im {kreis} in {land}.', 'Die Gemeinde hat {n} Einwohner und eine Fläche von {f} Quadratkilometern.'],
    sections: {
      Geografie: [
        'Der Ort liegt an der {fluss}, etwa {k} Kilometer {dir} von {stadt}.',
        'Ein großer Teil des Gemeindegebiets ist bewaldet.',
        'Zur Gemeinde gehören neben dem Hauptort mehrere kleine Weiler.',
        'Das Klima ist gemäßigt, mit kalten Wintern und warmen Sommern.',
        'Der höchste Punkt der Gemarkung liegt auf {hoehe} Metern über dem Meeresspiegel.',
      ],
      Geschichte: [
        'Die erste urkundliche Erwähnung stammt aus dem Jahr {jahr}.',
        'Im Dreißigjährigen Krieg wurde das Dorf mehrfach geplündert und fast vollständig zerstört.',
        'Im Zuge der Gebietsreform wurden in den 1970er Jahren mehrere Nachbarorte eingemeindet.',
        'Im 19. Jahrhundert wanderten viele Einwohner nach Amerika aus.',
        'Nach dem Zweiten Weltkrieg fanden zahlreiche Heimatvertriebene im Ort eine neue Heimat.',
      ],
      'Wirtschaft und Infrastruktur': [
        'Wichtige Arbeitgeber sind ein mittelständisches Maschinenbauunternehmen und mehrere landwirtschaftliche Betriebe.',
        'Die Gemeinde verfügt über einen Kindergarten, eine Grundschule und eine Freiwillige Feuerwehr.',
        'Der nächste Bahnhof befindet sich in {stadt}, von dort bestehen Verbindungen im Stundentakt.',
        'In den letzten Jahren wurde ein kleines Gewerbegebiet am Ortsrand erschlossen.',
      ],
      Sehenswürdigkeiten: [
        'Die Pfarrkirche St. {heilig} wurde im {jh}. Jahrhundert im Stil des Barock umgebaut.',
        'Das Rathaus aus dem Jahr {jahr2} steht heute unter Denkmalschutz.',
        'Durch den Ort führt ein beliebter Radweg, der vor allem im Sommer viele Touristen anzieht.',
        'Jedes Jahr im Herbst findet ein traditioneller Bauernmarkt statt.',
      ],
    },
    web: {
      wandern: {
        title: 'Wandertipp: Rundweg bei {stadt}',
        lines: [
          'Heute stelle ich euch meine liebste Wanderung in der Umgebung von {stadt} vor.',
          'Die Tour ist etwa {k} Kilometer lang und dauert rund {h} Stunden.',
          'Festes Schuhwerk und ausreichend Wasser sind unbedingt zu empfehlen.',
          'Vom Parkplatz aus folgt man zunächst dem gut ausgeschilderten Weg in Richtung Gipfel.',
          'Oben angekommen wird man mit einem herrlichen Blick über das ganze Tal belohnt.',
          'Im Gasthaus am Wegesrand gibt es hausgemachten Kuchen und eine kräftige Suppe.',
          'Für Familien mit kleinen Kindern ist die kürzere Variante besser geeignet.',
          'Bei Regen kann der Weg stellenweise rutschig sein.',
          'Unterwegs kommt man an einer kleinen Kapelle vorbei.',
          'Die beste Jahreszeit für diese Tour ist der Frühherbst.',
          'Hunde sind auf dem gesamten Weg erlaubt, sollten aber angeleint bleiben.',
          'Eine Einkehr im Biergarten rundet den Tag perfekt ab.',
        ],
      },
      rezept: {
        title: 'Omas {gericht}-Rezept',
        lines: [
          'Dieses {gericht}-Rezept gelingt garantiert auch Anfängern.',
          'Zuerst die Zwiebeln schälen und in feine Würfel schneiden.',
          'Den Backofen auf {t} Grad Ober- und Unterhitze vorheizen.',
          'Alles gut verrühren und etwa {min} Minuten ziehen lassen.',
          'Mit Salz, Pfeffer und etwas Muskat abschmecken.',
          'Am besten schmeckt es frisch, es lässt sich aber auch gut einfrieren.',
          'Guten Appetit und viel Spaß beim Nachkochen!',
          'Wer mag, kann noch etwas frische Petersilie darüberstreuen.',
          'Dazu passt ein frischer grüner Salat.',
          'Die Zutaten bekommt man in jedem Supermarkt.',
          'Das Gericht lässt sich gut am Vortag vorbereiten.',
        ],
      },
      garten: {
        title: 'Gartentipps für den Herbst',
        lines: [
          'Im Herbst ist die beste Zeit, um Blumenzwiebeln zu pflanzen.',
          'Das Laub kann man als natürlichen Winterschutz für die Beete verwenden.',
          'Empfindliche Kübelpflanzen sollten rechtzeitig ins Haus geholt werden.',
          'Jetzt lohnt es sich auch, den Kompost umzusetzen.',
          'Obstbäume werden am besten im späten Winter geschnitten.',
          'Vergesst nicht, die Gartengeräte vor dem Winter zu reinigen.',
          'Viel Freude im Garten!',
        ],
      },
    },
  },
  es: {
    vars: (r) => {
      const [prov, ca] = r.pick([
        ['Soria', 'Castilla y León'],
        ['Teruel', 'Aragón'],
        ['Cuenca', 'Castilla-La Mancha'],
        ['Cáceres', 'Extremadura'],
        ['Jaén', 'Andalucía'],
        ['Lugo', 'Galicia'],
        ['Huesca', 'Aragón'],
      ]);
      return {
        nombre: `${r.pick(['Villanueva del', 'San Pedro del', 'Santa Cruz del', 'Fuente del', 'Puebla del', 'Castillo del'])} ${r.pick(['Río', 'Monte', 'Campo', 'Valle', 'Pinar', 'Arroyo'])}`,
        prov,
        ca,
        n: (q) => String(q.int(90, 6000)),
        s: (q) => String(q.int(12, 180)),
        k: (q) => String(q.int(8, 70)),
        y: (q) => String(q.int(1100, 1400)),
        santo: ['Pedro', 'Juan', 'Miguel', 'Andrés', 'Bartolomé'],
        siglo: ['XV', 'XVI', 'XVII'],
        mes: ['agosto', 'septiembre', 'mayo', 'junio'],
        patron: ['la Virgen del Rosario', 'San Roque', 'Santiago Apóstol', 'la Virgen de la Asunción'],
        rio: ['Duero', 'Jalón', 'Guadiana', 'Tajo', 'Miño', 'Júcar'],
        plato: ['la tortilla de patatas', 'el gazpacho andaluz', 'la paella valenciana', 'las croquetas caseras', 'el arroz con leche'],
        min: (q) => String(q.int(3, 12) * 5),
        ciudad: ['Salamanca', 'Granada', 'Cádiz', 'Toledo', 'Valencia', 'Oviedo'],
        alt: (q) => String(q.int(300, 1300)),
      };
    },
    title: (v) => v.nombre,
    lead: [
      '{nombre} es un municipio español de la provincia de {prov}, en la comunidad autónoma de {ca}.',
      'Según el último censo, cuenta con una población de {n} habitantes.',
    ],
    sections: {
      Geografía: [
        'El término municipal tiene una superficie de {s} kilómetros cuadrados.',
        'El pueblo se encuentra a {k} kilómetros de la capital provincial.',
        'El río {rio} atraviesa el término municipal de norte a sur.',
        'El clima es mediterráneo continental, con inviernos fríos y veranos calurosos.',
        'La altitud media del municipio es de {alt} metros sobre el nivel del mar.',
      ],
      Historia: [
        'Los primeros documentos que mencionan la localidad datan del año {y}.',
        'Durante la Edad Media, el territorio perteneció a la orden de Calatrava.',
        'En las últimas décadas, el municipio ha perdido población debido a la emigración hacia las ciudades.',
        'En el siglo XIX, la localidad contaba con varios molinos harineros.',
        'La construcción de la carretera en los años sesenta mejoró la comunicación con la capital.',
      ],
      Economía: [
        'La economía local se basa en la agricultura, sobre todo en el cultivo de cereales y olivos, y en la ganadería ovina.',
        'En verano, el turismo rural aporta ingresos importantes a los pequeños negocios del pueblo.',
        'Existen también algunas bodegas familiares que elaboran vino de la tierra.',
      ],
      Patrimonio: [
        'La iglesia parroquial de San {santo}, construida en el siglo {siglo}, es el monumento más destacado del municipio.',
        'Las fiestas patronales se celebran en {mes} en honor a {patron}.',
        'En los alrededores se conservan los restos de un castillo medieval.',
        'La plaza mayor conserva soportales de piedra del siglo XVIII.',
      ],
    },
    web: {
      receta: {
        title: 'Receta casera: {plato}',
        lines: [
          'Hoy os traigo la receta de {plato}, un clásico de la cocina española.',
          'Necesitarás unos {min} minutos y muy pocos ingredientes.',
          'Pela las patatas y córtalas en rodajas finas.',
          'Calienta abundante aceite de oliva en una sartén a fuego medio.',
          'Bate los huevos en un bol grande y añade una pizca de sal.',
          'Deja reposar la mezcla durante unos minutos antes de servir.',
          'Si te ha gustado esta receta, compártela con tus amigos.',
          'Puedes acompañarla con una ensalada fresca y un poco de pan.',
          'Si la preparas el día anterior, estará todavía más rica.',
          'Es una receta perfecta para compartir en familia.',
          'Guarda las sobras en un recipiente hermético en la nevera.',
        ],
      },
      viaje: {
        title: 'Un fin de semana en {ciudad}',
        lines: [
          'El verano pasado visitamos {ciudad} y nos encantó su casco antiguo.',
          'Recomendamos alojarse cerca del centro para poder moverse a pie.',
          'La comida es excelente y los precios son muy razonables.',
          'No olvides probar las tapas en los bares de la plaza mayor.',
          'El mejor momento para visitar la ciudad es la primavera, cuando el clima es más agradable.',
          'Los museos suelen ser gratuitos los domingos por la tarde.',
          'Alquilamos un coche para recorrer los pueblos de los alrededores.',
          'El mercado central es perfecto para comprar productos locales.',
          'Merece la pena subir al mirador para ver la puesta de sol.',
          'Los vecinos fueron muy amables y nos dieron muchos consejos.',
        ],
      },
      huerto: {
        title: 'Consejos para el huerto en primavera',
        lines: [
          'La primavera es el mejor momento para empezar el huerto.',
          'Antes de plantar, conviene remover bien la tierra y añadir compost.',
          'Los tomates necesitan al menos seis horas de sol al día.',
          'Riega por la mañana temprano o al atardecer.',
          'Coloca acolchado alrededor de las plantas para conservar la humedad.',
          'Anota en un cuaderno lo que siembras cada semana.',
          '¡Feliz cosecha!',
        ],
      },
    },
  },
  ru: {
    vars: (r) => {
      const [river, riverGen] = r.pick([
        ['Мста', 'Мсты'],
        ['Шексна', 'Шексны'],
        ['Молога', 'Мологи'],
        ['Унжа', 'Унжи'],
        ['Сить', 'Сити'],
        ['Волга', 'Волги'],
      ]);
      const n = r.int(60, 3000);
      return {
        name: r.pick([
          'Берёзовка',
          'Никольское',
          'Покровское',
          'Сосновка',
          'Ильинское',
          'Троицкое',
          'Васильевка',
          'Горки',
          'Заречье',
          'Михайловка',
          'Каменка',
          'Воскресенское',
        ]),
        obl: ['Тверской', 'Вологодской', 'Новгородской', 'Ярославской', 'Костромской', 'Владимирской', 'Калужской'],
        n: String(n),
        people: ruPlural(n, ['человек', 'человека', 'человек']),
        y: ['2010', '2021'],
        river,
        riverGen,
        k: (q) => String(q.int(5, 20)),
        vek: ['XV', 'XVI', 'XVII'],
        god: (q) => String(q.int(1750, 1890)),
        dish: ['настоящий борщ', 'домашние пельмени', 'тонкие блины', 'сырники', 'окрошку'],
        min: (q) => String(q.pick([10, 15, 20, 25, 30, 35, 40])),
        city: ['Казань', 'Суздаль', 'Калининград', 'Ярославль', 'Псков'],
      };
    },
    title: (v) => v.name,
    lead: ['{name} — село в {obl} области России.', 'Население составляет {n} {people} (по данным переписи {y} года).'],
    sections: {
      География: [
        'Село расположено на берегу реки {riverGen}, в {k} километрах от районного центра.',
        'Окрестности села известны своими сосновыми лесами и чистыми озёрами.',
        'Климат умеренно континентальный, с холодной зимой и тёплым летом.',
        'Рядом с селом проходит автомобильная дорога регионального значения.',
      ],
      История: [
        'Впервые село упоминается в писцовых книгах {vek} века.',
        'В советское время здесь располагалась центральная усадьба колхоза.',
        'Во второй половине XX века население села значительно сократилось.',
        'В XIX веке в селе работали кузница и несколько мельниц.',
      ],
      Экономика: [
        'Основу местной экономики составляют сельское хозяйство и лесозаготовки.',
        'В селе есть школа, фельдшерско-акушерский пункт, библиотека и почтовое отделение.',
        'Летом население заметно увеличивается за счёт дачников.',
        'В последние годы в селе открылись небольшой магазин и гостевой дом.',
      ],
      Достопримечательности: [
        'В центре села находится каменная церковь, построенная в {god} году.',
        'На берегу реки сохранилась старая деревянная мельница.',
        'Рядом с церковью находится старое кладбище с чугунными надгробиями.',
      ],
    },
    web: {
      рецепт: {
        title: 'Как приготовить {dish}',
        lines: [
          'Сегодня я расскажу, как приготовить {dish} по бабушкиному рецепту.',
          'Для этого вам понадобятся самые простые продукты.',
          'Сначала очистите и мелко нарежьте лук и морковь.',
          'Готовьте на среднем огне около {min} минут, периодически помешивая.',
          'Подавайте горячим со сметаной и свежей зеленью.',
          'Если у вас остались вопросы, пишите в комментариях.',
          'Вместо сметаны можно использовать густой натуральный йогурт.',
          'Блюдо хорошо хранится в холодильнике два-три дня.',
          'Не бойтесь экспериментировать со специями.',
          'Такое угощение обязательно понравится всей семье.',
          'Приятного аппетита!',
        ],
      },
      путешествие: {
        title: 'Выходные в городе {city}',
        lines: [
          'Прошлым летом мы съездили в {city} и остались в полном восторге.',
          'Обязательно прогуляйтесь по старому центру и загляните в местные музеи.',
          'Гостиницу лучше бронировать заранее, особенно в выходные.',
          'Цены в кафе и ресторанах вполне доступные.',
          'Из Москвы туда удобно добираться на поезде.',
          'Мы обязательно вернёмся сюда ещё раз.',
          'Мы жили в небольшой гостинице недалеко от вокзала.',
          'Местные жители оказались очень гостеприимными.',
          'Вечером стоит прогуляться по набережной.',
          'Обязательно попробуйте местную кухню в небольших кафе.',
        ],
      },
      сад: {
        title: 'Советы для дачников',
        lines: [
          'Весной важно вовремя подготовить грядки к посадке.',
          'Перед посадкой почву нужно хорошо перекопать и удобрить.',
          'Рассаду помидоров высаживают в грунт после окончания заморозков.',
          'Поливать огород лучше рано утром или вечером.',
          'Мульча помогает сохранить влагу в почве.',
          'Осенью не забудьте убрать опавшие листья и укрыть многолетники.',
        ],
      },
    },
  },
  zh: {
    vars: (r) => ({
      name: r.pick(['青溪县', '云山县', '白河县', '石门县', '龙泉县', '安平县', '临江县', '桃源县']),
      prov: ['浙江省', '湖南省', '四川省', '福建省', '江西省', '安徽省'],
      dir: ['东', '西', '南', '北', '中'],
      area: (q) => String(q.int(800, 3500)),
      n: (q) => String(q.int(12, 95)),
      dyn: ['汉朝', '唐朝', '宋朝', '明朝'],
      river: ['清江', '白水河', '石溪', '龙川'],
      dish: ['西红柿炒鸡蛋', '红烧肉', '麻婆豆腐', '宫保鸡丁', '酸辣土豆丝'],
      min: (q) => String(q.int(2, 8) * 5),
      city: ['杭州', '成都', '西安', '厦门', '桂林'],
    }),
    title: (v) => v.name,
    joiner: '',
    lead: ['{name}是中国{prov}下辖的一个县，位于该省{dir}部。', '全县总面积约{area}平方公里，户籍人口约{n}万人。'],
    sections: {
      地理: [
        '境内地势西高东低，{river}由西向东流经全境。',
        '当地属亚热带季风气候，四季分明，雨量充沛。',
        '全县森林覆盖率较高，生态环境良好。',
        '县境内有多座海拔超过一千米的山峰。',
      ],
      历史: [
        '{name}历史悠久，早在{dyn}时期就已设县。',
        '县城内保存有明清时期的古街和多座传统民居。',
        '清朝时期，这里是重要的商贸集散地。',
        '新中国成立后，县城规模不断扩大。',
      ],
      经济: [
        '主要农作物有水稻、油菜和茶叶，其中茶叶远销国内外。',
        '近年来，旅游业发展迅速，已成为当地经济的重要支柱。',
        '交通方面，高速公路和铁路均从境内通过，交通十分便利。',
        '近年来，当地积极发展特色农业和乡村旅游。',
      ],
      文化: ['每年春季举办的茶文化节吸引了大量游客。', '当地的传统戏曲已被列入省级非物质文化遗产名录。', '当地民间流传着许多古老的传说和故事。'],
    },
    web: {
      菜谱: {
        title: '家常菜：{dish}的做法',
        lines: [
          '今天给大家分享一道家常菜：{dish}。',
          '准备时间大约{min}分钟，做法非常简单。',
          '首先把食材洗干净，切成小块备用。',
          '锅中倒入少许油，烧热后放入葱姜蒜炒香。',
          '最后加入适量的盐和酱油，翻炒均匀即可出锅。',
          '这道菜味道鲜美，特别适合搭配米饭。',
          '如果你喜欢这篇文章，欢迎点赞和收藏。',
          '喜欢吃辣的朋友可以多放一些辣椒。',
          '这道菜做法简单，新手也能轻松学会。',
          '剩下的菜可以放进冰箱，第二天加热后再吃。',
          '搭配一碗热汤，营养更加均衡。',
        ],
      },
      旅行: {
        title: '{city}三日游攻略',
        lines: [
          '去年夏天我们去了{city}旅行，留下了非常美好的回忆。',
          '建议提前预订酒店，尤其是在节假日期间。',
          '当地的小吃种类繁多，价格也很实惠。',
          '景区人比较多，最好早上出发。',
          '市中心的地铁非常方便，几乎可以到达所有景点。',
          '下次有机会一定还会再来。',
          '我们住在老城区附近的一家民宿，环境很安静。',
          '晚上可以去夜市逛一逛，品尝各种特色美食。',
          '当地人非常热情，经常主动给我们指路。',
          '如果时间充裕，可以去周边的古镇走走。',
        ],
      },
      生活: {
        title: '家居生活小窍门',
        lines: [
          '今天和大家分享几个实用的家居小窍门。',
          '用白醋可以轻松去除水壶里的水垢。',
          '旧报纸可以用来擦玻璃，效果很好。',
          '衣柜里放几块香皂，可以让衣服保持清香。',
          '冰箱里放一些柠檬片能去除异味。',
          '定期开窗通风，有利于保持室内空气新鲜。',
          '这些小方法简单实用，大家不妨试一试。',
        ],
      },
    },
  },
};

export function i18nDoc(rng, lang, domain) {
  const L = I18N[lang];
  const v = L.vars(rng);
  // One dish, one town, one river per document: fix every list slot once.
  for (const [k, val] of Object.entries(v)) if (Array.isArray(val)) v[k] = rng.pick(val);
  const join = L.joiner ?? ' ';
  if (domain === 'encyclopedic') {
    const title = fill(rng, '{x}', { x: L.title(v) });
    const parts = [title, L.lead.map((s) => fill(rng, s, v)).join(join)];
    for (const [heading, pool] of Object.entries(L.sections)) {
      if (!rng.chance(0.75)) continue;
      const picked = pickN(rng, pool, rng.int(1, Math.min(3, pool.length)));
      parts.push(
        heading,
        pool
          .filter((s) => picked.includes(s))
          .map((s) => fill(rng, s, v))
          .join(join),
      );
    }
    return { text: parts.join('\n\n'), quality: 'high', kind: `${lang}/article` };
  }
  const [theme, { title, lines }] = rng.pick(Object.entries(L.web));
  const first = lines[0];
  const rest = pickN(rng, lines.slice(1), rng.int(3, lines.length - 1));
  const ordered = [first, ...lines.slice(1).filter((s) => rest.includes(s))].map((s) => fill(rng, s, v));
  const cut = rng.int(2, ordered.length - 1);
  const text = [fill(rng, title, v), ordered.slice(0, cut).join(join), ordered.slice(cut).join(join)].join('\n\n');
  return { text, quality: ordered.length >= 5 ? 'high' : 'medium', kind: `${lang}/${theme}` };
}
