// The workout log on the app's shared IndexedDB connection.
import { WorkoutLogRepository } from '../storage/log';
import { database } from './database';

export function workoutLog(): WorkoutLogRepository {
  return new WorkoutLogRepository(database());
}
