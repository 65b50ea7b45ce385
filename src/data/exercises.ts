// The built-in exercise library: back, cardio-strength and HIIT moves with the muscles they train
// and short form tips, plus helpers to look one up and snapshot it into a circuit step.
import type { ExerciseSnapshot } from '../engine/model';
import type { Exercise } from './types';

export const EXERCISES: readonly Exercise[] = [
  // Upper back: rows and pull-downs.
  {
    id: 'barbell-bent-over-row',
    name: 'Barbell bent-over row',
    region: 'upper',
    muscles: ['lats', 'rhomboids', 'traps', 'rear delts', 'biceps', 'erector spinae'],
    equipment: ['barbell'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Hinge forward with soft knees until your torso is near parallel; keep your back flat.',
      'Pull the bar to your lower ribs, leading with your elbows.',
      'Lower under control and keep your neck in line with your spine.',
    ],
  },
  {
    id: 'single-arm-dumbbell-row',
    name: 'Single-arm dumbbell row',
    region: 'upper',
    muscles: ['lats', 'rhomboids', 'rear delts', 'biceps'],
    equipment: ['dumbbell'],
    homeFriendly: true,
    perSide: true,
    tips: [
      'Brace one hand and knee on a bench; keep your back flat and level.',
      'Drive the elbow back toward your hip rather than straight up.',
      'Let the weight hang at full reach, then row without twisting your torso.',
    ],
  },
  {
    id: 'seated-cable-row',
    name: 'Seated cable row',
    region: 'upper',
    muscles: ['lats', 'rhomboids', 'traps', 'biceps'],
    equipment: ['cable'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Sit tall with a slight knee bend and keep your chest up through every rep.',
      'Draw the handle to your belly and squeeze your shoulder blades together.',
      'Let your arms reach forward slowly without rounding your lower back.',
    ],
  },
  {
    id: 'wide-grip-lat-pull-down',
    name: 'Wide-grip lat pull-down',
    region: 'upper',
    muscles: ['lats', 'rhomboids', 'biceps'],
    equipment: ['cable'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Grip just outside shoulder width and pull the bar to the top of your chest.',
      'Start each rep by drawing your shoulders down, away from your ears.',
      'Pick a load you can control: no leaning far back or yanking the bar.',
    ],
  },
  {
    id: 'close-grip-lat-pull-down',
    name: 'Close-grip underhand lat pull-down',
    region: 'upper',
    muscles: ['lats', 'biceps', 'rhomboids'],
    equipment: ['cable'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Take a shoulder-width grip with your palms facing you.',
      'Pull your elbows down toward your ribs with your torso almost upright.',
      'Let the bar rise slowly until your arms are nearly straight.',
    ],
  },
  {
    id: 'resistance-band-row',
    name: 'Resistance band row',
    region: 'upper',
    muscles: ['lats', 'rhomboids', 'rear delts', 'biceps'],
    equipment: ['band'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Anchor the band at chest height and step back until it is taut at full reach.',
      'Row your hands to your ribs and squeeze your shoulder blades together.',
      'Return slowly; do not let the band pull your arms forward.',
    ],
  },

  // Mid back: band, cable and bodyweight moves for the shoulder blades.
  {
    id: 'band-pull-apart',
    name: 'Band pull-apart',
    region: 'mid',
    muscles: ['rear delts', 'rhomboids', 'traps'],
    equipment: ['band'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Hold the band at shoulder height, arms long with a slight bend in the elbows.',
      'Spread your hands until the band meets your chest; squeeze your shoulder blades.',
      'Keep your ribs down and your shoulders away from your ears.',
    ],
  },
  {
    id: 'cable-face-pull',
    name: 'Cable face pull',
    region: 'mid',
    muscles: ['rear delts', 'rhomboids', 'traps'],
    equipment: ['cable'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Set the rope at about eye level and hold it with your thumbs pointing back.',
      'Pull toward your forehead, splitting the rope ends beside your ears.',
      'Finish with your elbows high and pause briefly before letting it back.',
    ],
  },
  {
    id: 'superman-hold',
    name: 'Superman hold',
    region: 'mid',
    muscles: ['erector spinae', 'glutes', 'traps', 'rhomboids'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Lie face down, arms overhead, and lift your chest, arms and legs a few inches.',
      'Reach long through your fingers and toes instead of arching higher.',
      'Look at the floor so your neck stays neutral, and keep breathing.',
    ],
  },
  {
    id: 'scapular-push-up',
    name: 'Scapular push-up',
    region: 'mid',
    muscles: ['rhomboids', 'traps', 'shoulders', 'core'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Hold a high plank with straight arms; your elbows stay locked throughout.',
      'Let your chest sink as your shoulder blades pinch, then push them apart.',
      'Move only at the shoulders; keep your hips level and your core tight.',
    ],
  },
  {
    id: 'reverse-snow-angel',
    name: 'Reverse snow angel',
    region: 'mid',
    muscles: ['rhomboids', 'traps', 'rear delts', 'erector spinae'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Lie face down with arms by your sides and hover your hands off the floor.',
      'Sweep your arms overhead in a wide arc, keeping them lifted all the way.',
      'Move slowly and keep your forehead low and your neck relaxed.',
    ],
  },
  {
    id: 'reverse-fly',
    name: 'Bent-over dumbbell reverse fly',
    region: 'mid',
    muscles: ['rear delts', 'rhomboids', 'traps'],
    equipment: ['dumbbell'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Hinge forward with a flat back and let light dumbbells hang below your shoulders.',
      'Raise your arms out to the sides with soft elbows until they are level with you.',
      'Lead with the backs of your hands and lower slowly.',
    ],
  },

  // Lower back: deadlift variants, extensions and core stability.
  {
    id: 'conventional-deadlift',
    name: 'Conventional deadlift',
    region: 'lower',
    muscles: ['erector spinae', 'glutes', 'hamstrings', 'quads', 'traps', 'core'],
    equipment: ['barbell'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Stand with the bar over mid-foot and grip it just outside your knees.',
      'Brace your core, keep your back flat and push the floor away through your heels.',
      'Keep the bar close to your legs on the way up and on the way down.',
    ],
  },
  {
    id: 'romanian-deadlift',
    name: 'Romanian deadlift',
    region: 'lower',
    muscles: ['hamstrings', 'glutes', 'erector spinae'],
    equipment: ['barbell'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Soften your knees and push your hips back, sliding the bar down your thighs.',
      'Stop when you feel a strong hamstring stretch, with your back still flat.',
      'Drive your hips forward to stand tall; do not lean back at the top.',
    ],
  },
  {
    id: 'sumo-deadlift',
    name: 'Sumo deadlift',
    region: 'lower',
    muscles: ['glutes', 'hamstrings', 'quads', 'erector spinae'],
    equipment: ['barbell'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Take a wide stance with toes turned out and grip the bar inside your knees.',
      'Push your knees out over your toes and keep your chest up as you lift.',
      'Stand up by driving through your whole foot and finish with your glutes.',
    ],
  },
  {
    id: 'back-extension',
    name: 'Back extension',
    region: 'lower',
    muscles: ['erector spinae', 'glutes', 'hamstrings'],
    equipment: ['machine'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Set the pad just below your hip bones so you can hinge freely.',
      'Lower slowly, then rise until your body forms a straight line, no further.',
      'Squeeze your glutes at the top and avoid swinging for momentum.',
    ],
  },
  {
    id: 'bird-dog',
    name: 'Bird-dog',
    region: 'lower',
    muscles: ['erector spinae', 'core', 'glutes', 'shoulders'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: true,
    tips: [
      'Start on hands and knees, wrists under shoulders and knees under hips.',
      'Reach one arm and the opposite leg out long, keeping your hips square.',
      'Pause at full reach and return with control; keep your lower back from sagging.',
    ],
  },
  {
    id: 'glute-bridge',
    name: 'Glute bridge',
    region: 'lower',
    muscles: ['glutes', 'hamstrings', 'erector spinae', 'core'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Lie on your back with knees bent and feet flat, hip-width apart.',
      'Press through your heels to lift your hips until knees, hips and shoulders line up.',
      'Squeeze your glutes at the top without arching your lower back.',
    ],
  },

  // Hybrid: cardio and strength in one move.
  {
    id: 'rowing-machine',
    name: 'Rowing machine',
    region: 'hybrid',
    muscles: ['lats', 'rhomboids', 'quads', 'glutes', 'hamstrings', 'core', 'cardio'],
    equipment: ['machine'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Push with your legs first, then lean back slightly, then pull with your arms.',
      'On the return reverse the order: arms, then body, then bend your knees.',
      'Pull the handle to your lower ribs and keep your shoulders relaxed.',
    ],
  },
  {
    id: 'battle-ropes',
    name: 'Battle ropes',
    region: 'hybrid',
    muscles: ['shoulders', 'core', 'lats', 'traps', 'cardio'],
    equipment: ['rope'],
    homeFriendly: false,
    perSide: false,
    tips: [
      'Stand in a half squat with your core braced and a rope end in each hand.',
      'Make quick alternating waves, driving the movement from your shoulders.',
      'Keep the waves travelling all the way to the anchor; stay low and breathe.',
    ],
  },
  {
    id: 'kettlebell-swing',
    name: 'Kettlebell swing',
    region: 'hybrid',
    muscles: ['glutes', 'hamstrings', 'erector spinae', 'core', 'cardio'],
    equipment: ['kettlebell'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Hinge rather than squat: hike the bell back between your thighs, back flat.',
      'Snap your hips forward to float the bell to chest height; arms only guide it.',
      'Stand tall at the top with glutes and core tight, then hinge again.',
    ],
  },

  // Full body: general HIIT moves.
  {
    id: 'burpee',
    name: 'Burpee',
    region: 'full',
    muscles: ['quads', 'glutes', 'chest', 'shoulders', 'core', 'cardio'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Squat, plant your hands and jump or step your feet back to a plank.',
      'Bring your feet back under you and jump up with your arms overhead.',
      'Land softly on bent knees; step instead of jumping to ease the pace.',
    ],
  },
  {
    id: 'mountain-climber',
    name: 'Mountain climber',
    region: 'full',
    muscles: ['core', 'shoulders', 'quads', 'cardio'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Hold a strong high plank with your hands under your shoulders.',
      'Drive one knee toward your chest, then switch legs in a quick rhythm.',
      'Keep your hips low and level instead of bouncing them up.',
    ],
  },
  {
    id: 'jumping-jacks',
    name: 'Jumping jacks',
    region: 'full',
    muscles: ['cardio', 'shoulders', 'glutes'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Jump your feet wide as your arms sweep overhead, then bring both back in.',
      'Stay light on the balls of your feet with soft knees.',
      'Step side to side instead of jumping for a low-impact version.',
    ],
  },
  {
    id: 'high-knees',
    name: 'High knees',
    region: 'full',
    muscles: ['cardio', 'quads', 'core'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Run in place, lifting each knee to about hip height.',
      'Pump your arms and land lightly on the balls of your feet.',
      'Stay tall; do not lean back to get your knees higher.',
    ],
  },
  {
    id: 'squat-jump',
    name: 'Squat jump',
    region: 'full',
    muscles: ['quads', 'glutes', 'hamstrings', 'cardio'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Squat to a comfortable depth with your chest up and weight in your heels.',
      'Jump up explosively, swinging your arms for height.',
      'Land softly back into the squat with your knees tracking over your toes.',
    ],
  },
  {
    id: 'plank',
    name: 'Plank',
    region: 'full',
    muscles: ['core', 'shoulders', 'glutes'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: false,
    tips: [
      'Rest on your forearms with elbows under your shoulders and legs straight.',
      'Make a straight line from head to heels; squeeze your glutes and brace.',
      'Breathe steadily and stop when your hips start to sag.',
    ],
  },
  {
    id: 'side-plank',
    name: 'Side plank',
    region: 'full',
    muscles: ['core', 'shoulders', 'glutes'],
    equipment: ['bodyweight'],
    homeFriendly: true,
    perSide: true,
    tips: [
      'Lie on your side, elbow under your shoulder, and lift your hips off the floor.',
      'Keep your head, hips and feet in one line; do not let your hips drop.',
      'Stack your feet, or stagger them for more balance.',
    ],
  },
];

const BY_ID: ReadonlyMap<string, Exercise> = new Map(EXERCISES.map((ex) => [ex.id, ex]));

/** The library exercise with this id, or undefined. */
export function findExercise(id: string): Exercise | undefined {
  return BY_ID.get(id);
}

/** A self-contained copy of an exercise for use in a circuit step. */
export function exerciseSnapshot(ex: Exercise): ExerciseSnapshot {
  return { id: ex.id, name: ex.name, perSide: ex.perSide, tips: [...ex.tips] };
}
